import { View } from '@tarojs/components';
import { SearchBar } from '@nutui/nutui-react-taro';
import ScanButton from './ScanButton';

export interface SearchToolbarProps {
  value: string;
  onChange: (v: string) => void;
  /** 搜索 on the keyboard */
  onSearch: (v: string) => void;
  onClear: () => void;
  /** a barcode read (or typed into the scan box on H5) */
  onScan: (code: string) => void;
  /** a class besides hy-toolbar */
  className?: string;
}

/** The parts search box with 扫码 beside it (by code, name or pinyin initials). */
export default function SearchToolbar({ value, onChange, onSearch, onClear, onScan, className }: SearchToolbarProps) {
  return (
    <View className={className ? `hy-toolbar ${className}` : 'hy-toolbar'}>
      <SearchBar
        value={value}
        placeholder="名称、别名、编码或拼音首字母"
        clearable
        onChange={onChange}
        onSearch={onSearch}
        onClear={onClear}
      />
      <ScanButton onCode={onScan} />
    </View>
  );
}
