import { useEffect, useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, SearchBar, Tag } from '@nutui/nutui-react-taro';
import { STOCKTAKE_STATUS_LABELS, bigVarianceReason, type PartView, type StocktakeLineView, type StocktakeView } from '@hongyuan/shared';
import { errorMessage, isApiError } from '../../../api/request';
import { stockApi } from '../../../api/stock';
import { useResource } from '../../../api/useResource';
import ScanButton from '../../../components/ScanButton';
import LoadingPage from '../../../components/LoadingPage';
import { specOf } from '../../../stock/format';
import CountSheet, { type CountTarget } from './CountSheet';
import '../../../stock/stock.scss';
import '../components/components.scss';
import './index.scss';

type Filter = 'todo' | 'done' | 'all';
const FILTERS: { key: Filter; label: string }[] = [
  { key: 'todo', label: '未盘' },
  { key: 'done', label: '已盘' },
  { key: 'all', label: '全部' },
];

const matches = (l: StocktakeLineView, kw: string) => {
  const k = kw.toUpperCase();
  return (
    l.partCode.toUpperCase().includes(k) || l.partName.toUpperCase().includes(k) || `${l.partModel} ${l.partSpec}`.toUpperCase().includes(k)
  );
};

/**
 * 盘点 counting: find the part (scan its barcode, or search), enter what is on the shelf; each
 * count is saved on its own (PUT one line), so a dropped connection loses one entry at most.
 * A blind count (盲盘) shows no book quantities; a part found on the shelf that is not on the
 * sheet is looked up in the catalogue and added.
 */
export default function StocktakePage() {
  const id = Number(useRouter().params.id) || 0;
  const sheet = useResource<StocktakeView>(id || null, () => stockApi.stocktake(id));
  const [lines, setLines] = useState<StocktakeLineView[]>([]);
  const [progress, setProgress] = useState({ lineCount: 0, countedCount: 0 });
  const [filter, setFilter] = useState<Filter>('todo');
  const [keyword, setKeyword] = useState('');
  const [target, setTarget] = useState<CountTarget | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState('');
  const [catalogue, setCatalogue] = useState<PartView[] | null>(null);
  const [looking, setLooking] = useState(false);

  const st = sheet.data;
  useEffect(() => {
    if (!st) return;
    setLines(st.lines);
    setProgress({ lineCount: st.lineCount, countedCount: st.countedCount });
  }, [st]);

  const showBook = !!st && st.bookVisible && !st.blind;
  const counting = st?.status === 'counting';

  const shown = useMemo(() => {
    const kw = keyword.trim();
    return lines.filter(
      (l) => (filter === 'all' || (filter === 'todo' ? l.countedQty === null : l.countedQty !== null)) && (!kw || matches(l, kw)),
    );
  }, [lines, filter, keyword]);

  const openLine = (l: StocktakeLineView) => {
    setSaveError('');
    setTarget({
      partId: l.partId,
      partCode: l.partCode,
      partName: l.partName,
      spec: specOf(l),
      unit: l.unit,
      bookQty: showBook ? l.bookQty : null,
      countedQty: l.countedQty,
      onSheet: true,
    });
  };
  const openPart = (p: PartView) => {
    const onSheet = lines.find((l) => l.partId === p.id);
    if (onSheet) return openLine(onSheet);
    setSaveError('');
    setTarget({
      partId: p.id,
      partCode: p.code,
      partName: p.name,
      spec: [p.model, p.spec].filter(Boolean).join(' / ') || '—',
      unit: p.unit,
      bookQty: null,
      countedQty: null,
      onSheet: false,
    });
  };

  /** Parts outside the sheet: found on the shelf, looked up in the catalogue. */
  const lookUp = async (kw: string, exactCode?: string) => {
    setLooking(true);
    try {
      const page = await stockApi.parts({ keyword: kw, pageSize: 20, enabled: true });
      const exact = exactCode ? page.items.find((p) => p.code.toUpperCase() === exactCode.toUpperCase()) : undefined;
      if (exact) openPart(exact);
      else if (exactCode) void Taro.showToast({ title: `没有找到条码“${exactCode}”的配件`, icon: 'none' });
      setCatalogue(exactCode ? null : page.items);
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e, '查询失败，请稍后重试'), icon: 'none' });
    } finally {
      setLooking(false);
    }
  };

  const onScan = (code: string) => {
    setCatalogue(null);
    const hit = lines.find((l) => l.partCode.toUpperCase() === code.toUpperCase());
    if (hit) openLine(hit);
    else void lookUp(code, code);
  };

  const save = async (countedQty: number) => {
    if (!target || saving) return;
    setSaving(true);
    setSaveError('');
    try {
      const res = await stockApi.count(id, target.partId, countedQty);
      setLines((prev) => {
        const next = prev.slice();
        for (const fresh of res.lines) {
          const at = next.findIndex((l) => l.partId === fresh.partId);
          if (at >= 0) next[at] = fresh;
          else next.push(fresh);
        }
        return next;
      });
      setProgress({ lineCount: res.lineCount, countedCount: res.countedCount });
      setTarget(null);
      setCatalogue(null);
      void Taro.showToast({ title: `已记录 ${target.partName}：${countedQty}`, icon: 'none' });
    } catch (e) {
      setSaveError(errorMessage(e, '保存失败，请重试'));
      if (isApiError(e) && e.code === 'ALREADY_DECIDED') void sheet.reload();
    } finally {
      setSaving(false);
    }
  };

  if (!st) return <LoadingPage error={sheet.error} onRetry={sheet.reload} text="正在加载盘点单…" />;

  const percent = progress.lineCount ? Math.round((progress.countedCount / progress.lineCount) * 100) : 0;
  return (
    <View className="hy-page hy-count">
      <View className="hy-card hy-count__head">
        <View className="hy-card__head">
          <Text className="hy-card__no">{st.no}</Text>
          <View className="hy-doc-tags">
            {st.blind ? <Tag type="warning">盲盘</Tag> : null}
            <Tag type={counting ? 'primary' : 'default'}>{STOCKTAKE_STATUS_LABELS[st.status]}</Tag>
          </View>
        </View>
        <View className="hy-card__row">
          <Text className="hy-card__strong">{st.warehouseName}</Text>
          <Text className="hy-count__progress-text">
            已盘 {progress.countedCount} / {progress.lineCount}
          </Text>
        </View>
        <View className="hy-count__bar">
          <View className="hy-count__bar-fill" style={{ width: `${percent}%` }} />
        </View>
        {st.blind ? <View className="hy-card__row">盲盘：不显示账面数量，请按实物清点</View> : null}
        {st.blind && st.bookVisible && counting ? (
          <View className="hy-card__row hy-card__danger" data-testid="count-blind-keeper">
            盲盘须由看不到账面数量的人员录入（如技师、主管）
          </View>
        ) : null}
        {!counting ? <View className="hy-card__row hy-card__danger">盘点单{STOCKTAKE_STATUS_LABELS[st.status]}，不能再录入</View> : null}
      </View>

      {counting ? (
        <View className="hy-toolbar">
          <SearchBar
            value={keyword}
            placeholder="编号、名称或规格"
            clearable
            onChange={(v) => {
              setKeyword(v);
              setCatalogue(null);
            }}
            onClear={() => setKeyword('')}
          />
          <ScanButton onCode={onScan} />
        </View>
      ) : null}

      <View className="hy-chips hy-count__filters">
        {FILTERS.map((f) => (
          <Text
            key={f.key}
            className={`hy-chip hy-count-filter--${f.key}${f.key === filter ? ' hy-chip--on' : ''}`}
            onClick={() => setFilter(f.key)}
          >
            {f.label}
            {f.key === 'todo' ? ` ${progress.lineCount - progress.countedCount}` : f.key === 'done' ? ` ${progress.countedCount}` : ''}
          </Text>
        ))}
      </View>

      {shown.length === 0 ? (
        <View className="hy-state">
          {keyword.trim() ? `盘点表中没有“${keyword.trim()}”` : filter === 'todo' ? '全部盘完了' : '还没有录入'}
          {keyword.trim() && counting ? (
            <View className="hy-more">
              <Button size="small" type="primary" fill="outline" loading={looking} onClick={() => lookUp(keyword.trim())}>
                在配件资料中查找（货架上发现的配件）
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}

      {catalogue ? (
        <View className="hy-list">
          <View className="hy-section-title">配件资料中的结果（录入后加入盘点表）</View>
          {catalogue.length === 0 ? <View className="hy-state">配件资料中也没有找到</View> : null}
          {catalogue.map((p) => (
            <View key={p.id} className="hy-card hy-count-found" onClick={() => openPart(p)}>
              <View className="hy-card__head">
                <Text className="hy-card__title">{p.name}</Text>
                <Text>录入 ›</Text>
              </View>
              <View className="hy-card__row">
                <Text className="hy-code">{p.code}</Text>
                <Text>{[p.model, p.spec].filter(Boolean).join(' / ') || '—'}</Text>
              </View>
            </View>
          ))}
        </View>
      ) : null}

      <View className="hy-list">
        {shown.map((l) => (
          <View
            key={l.partId}
            className={`hy-card hy-count-line${l.countedQty !== null ? ' hy-count-line--done' : ''}`}
            data-testid="count-line"
            onClick={() => counting && openLine(l)}
          >
            <View className="hy-card__head">
              <Text className="hy-card__title">{l.partName}</Text>
              {l.added ? (
                <Tag type="warning" plain>
                  盘点中新增
                </Tag>
              ) : null}
            </View>
            <View className="hy-card__row">
              <Text className="hy-code">{l.partCode}</Text>
              <Text>{specOf(l)}</Text>
            </View>
            <View className="hy-card__row">
              {showBook ? <Text>账面 {l.bookQty ?? '—'}</Text> : <Text />}
              <Text className={l.countedQty !== null ? 'hy-card__strong' : 'hy-card__warn'}>
                {l.countedQty !== null ? `实盘 ${l.countedQty} ${l.unit}` : '未盘'}
              </Text>
            </View>
            {showBook && l.difference ? (
              <View className={`hy-card__row ${l.difference < 0 ? 'hy-card__danger' : 'hy-card__warn'}`}>
                <Text>差异 {l.difference > 0 ? `+${l.difference}` : l.difference}</Text>
                {bigVarianceReason({ bookQty: l.bookQty ?? 0, difference: l.difference }) ? (
                  <Tag type="danger" className="hy-count-big">
                    差异较大，请复核
                  </Tag>
                ) : null}
              </View>
            ) : null}
          </View>
        ))}
      </View>

      <CountSheet target={target} saving={saving} error={saveError} onCancel={() => setTarget(null)} onSave={save} />
    </View>
  );
}
