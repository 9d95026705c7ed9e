import { Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { Button, SearchBar, Tag } from '@nutui/nutui-react-taro';
import { Search } from '@nutui/icons-react-taro';
import { formatYuan, type PartView } from '@hongyuan/shared';
import { usePagedList } from '../api/usePagedList';
import EmptyState from './EmptyState';
import { useSearchInput } from './useSearchInput';
import './PartsSearch.scss';

export interface PartsSearchProps {
  /** Show the cost price when the server sends it. Never true for technicians. */
  showCost: boolean;
}

/** Parts catalogue search: by name, alias, code, barcode or pinyin initials (and synonyms); 30 a page, more on scroll or tap. */
export default function PartsSearch({ showCost }: PartsSearchProps) {
  const { input, keyword, type, searchNow } = useSearchInput();

  const list = usePagedList<PartView>('/parts', { keyword });

  useReachBottom(() => list.loadMore());

  return (
    <View className="hy-parts">
      <View className="hy-parts__search">
        <SearchBar
          value={input}
          placeholder="名称、别名、编码、条码或拼音首字母"
          clearable
          onChange={type}
          onSearch={searchNow}
          onClear={() => searchNow('')}
        />
      </View>

      {list.loaded && list.items.length > 0 ? (
        <View className="hy-parts__summary">{keyword ? `“${keyword}” 共找到 ${list.total} 个配件` : `共 ${list.total} 个配件`}</View>
      ) : null}

      {list.error && !list.loading ? (
        <View className="hy-parts__error">
          <Text className="hy-error">{list.error}</Text>
          <Button size="small" fill="outline" type="primary" onClick={() => (list.items.length ? list.loadMore() : list.reload())}>
            重试
          </Button>
        </View>
      ) : null}

      {list.loading ? <View className="hy-parts__loading">正在加载配件…</View> : null}

      {list.loaded && list.items.length === 0 && !list.loading ? (
        <EmptyState
          icon={<Search size={36} color="#a9b4c6" />}
          title={keyword ? '没有找到相关配件' : '暂无配件'}
          description={keyword ? '换个叫法、编码或拼音首字母试试' : '配件资料由库管在电脑工作台录入'}
        />
      ) : null}

      <View className="hy-parts__list">
        {list.items.map((p) => (
          <View key={p.id} className="hy-part" data-testid="part-item">
            <View className="hy-part__head">
              <Text className="hy-part__name">{p.name}</Text>
              <Text className="hy-part__price">{formatYuan(p.salePrice)}</Text>
            </View>
            <View className="hy-part__meta">
              <Text className="hy-part__code">{p.code}</Text>
              <View className="hy-part__tags">
                {!p.enabled ? (
                  <Tag type="danger" plain>
                    已停用
                  </Tag>
                ) : null}
                {p.category ? (
                  <Tag type="primary" plain>
                    {p.category}
                  </Tag>
                ) : null}
              </View>
            </View>
            <View className="hy-part__meta hy-muted">
              <Text>规格：{[p.model, p.spec].filter(Boolean).join(' / ') || '—'}</Text>
              <Text className="hy-part__unit">单位：{p.unit}</Text>
            </View>
            {showCost && typeof p.costPrice === 'number' ? (
              <View className="hy-part__meta hy-muted">
                <Text>成本价：{formatYuan(p.costPrice)}</Text>
              </View>
            ) : null}
          </View>
        ))}
      </View>

      {list.hasMore ? (
        <View className="hy-parts__more">
          <Button fill="none" type="primary" loading={list.loadingMore} onClick={() => list.loadMore()}>
            {list.loadingMore ? '加载中…' : '加载更多'}
          </Button>
        </View>
      ) : list.loaded && list.items.length > 0 ? (
        <View className="hy-parts__end">没有更多了</View>
      ) : null}
    </View>
  );
}
