import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Form, Input, Popconfirm, Select, Space, Table, Tag, type FormInstance } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { partSynonymInput, splitWords, type PartSynonymView } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { useCan } from '../../lib/hooks';
import { errorText, parseForm, reportSaveError } from '../../lib/form';
import { idempotent, newIdempotencyKey } from '../../lib/stock';
import { FormModal } from '../../components/FormModal';
import { FilterBar, ViewHeader } from '../../components/ViewHeader';

interface FormValues {
  words: string[];
}

/**
 * 同义词: groups of words that mean the same part (机滤 / 机油滤芯 / 机油滤清器). Searching one word
 * of a group, or its pinyin initials, also finds parts named with the others, on the desk and on
 * the phone. Keepers (part.write) add, change and delete groups; everyone else reads them.
 */
export default function Synonyms() {
  const { message } = App.useApp();
  const writable = useCan()('part.write');
  const [rows, setRows] = useState<PartSynonymView[]>([]);
  const [loading, setLoading] = useState(true);
  const [keyword, setKeyword] = useState('');
  const [editing, setEditing] = useState<PartSynonymView | 'new' | null>(null);
  const [createKey, setCreateKey] = useState(newIdempotencyKey());

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setRows(await api.get<PartSynonymView[]>('/api/part-synonyms'));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setLoading(false);
    }
  }, [message]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const shown = useMemo(() => {
    const kw = keyword.trim().toUpperCase();
    return kw ? rows.filter((r) => r.words.some((w) => w.toUpperCase().includes(kw))) : rows;
  }, [rows, keyword]);

  const open = (target: PartSynonymView | 'new') => {
    if (target === 'new') setCreateKey(newIdempotencyKey());
    setEditing(target);
  };

  const save = async (values: FormValues, form: FormInstance<FormValues>) => {
    // Words typed together ("机滤 机油格") count as separate words.
    const data = parseForm(partSynonymInput, { words: splitWords((values.words ?? []).join('、')) }, form, message, {
      labels: { words: '同义词' },
    });
    if (!data) return false;
    try {
      if (editing === 'new') await api.post('/api/part-synonyms', data, idempotent(createKey));
      else if (editing) await api.put(`/api/part-synonyms/${editing.id}`, data);
      message.success('同义词已保存，搜索立即生效');
      void reload();
      return true;
    } catch (e) {
      reportSaveError(e, form, message, { labels: { words: '同义词' } });
      return false;
    }
  };

  const remove = async (row: PartSynonymView) => {
    try {
      await api.delete(`/api/part-synonyms/${row.id}`);
      message.success('已删除');
      void reload();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const columns: ColumnsType<PartSynonymView> = [
    {
      title: '同义词（搜索其中任一个词，也会找其他词）',
      dataIndex: 'words',
      render: (words: string[]) => (
        <Space size={[4, 4]} wrap>
          {words.map((w) => (
            <Tag key={w} color="blue">
              {w}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];
  if (writable) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 130,
      render: (_: unknown, row: PartSynonymView) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => open(row)} data-testid={`synonym-edit-${row.id}`}>
            编辑
          </Button>
          <Popconfirm title={`确定删除同义词“${row.words.join(' / ')}”？`} okText="删除" cancelText="取消" onConfirm={() => remove(row)}>
            <Button type="link" size="small" danger data-testid={`synonym-delete-${row.id}`}>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <div data-testid="view-synonyms">
      <ViewHeader
        title="同义词"
        extra={
          writable ? (
            <Button type="primary" onClick={() => open('new')} data-testid="synonym-new">
              新增同义词
            </Button>
          ) : null
        }
      />
      <FilterBar>
        <Input.Search
          allowClear
          placeholder="查找词语"
          style={{ width: 240 }}
          onSearch={setKeyword}
          onChange={(e) => !e.target.value && setKeyword('')}
          data-testid="synonym-search"
        />
        <span className="desk-hint">
          师傅说“机滤”、目录写“机油滤清器”：把同一种配件的不同叫法放在一组，配件搜索（电脑和手机）会互相代替，拼音首字母也能搜。
        </span>
      </FilterBar>
      <Table<PartSynonymView>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={shown}
        columns={columns}
        pagination={false}
        locale={{ emptyText: keyword ? '没有包含这个词的同义词' : '还没有同义词，点“新增同义词”添加一组' }}
        data-testid="synonym-table"
      />
      <FormModal<FormValues>
        open={editing !== null}
        title={editing === 'new' ? '新增同义词' : '编辑同义词'}
        testId="synonym-form"
        onClose={() => setEditing(null)}
        onSave={save}
        initialValues={{ words: editing && editing !== 'new' ? editing.words : [] }}
      >
        <Form.Item
          name="words"
          label="同一种配件的不同叫法"
          required
          extra="输入一个词后按回车，再输入下一个；至少两个词，一个词只能在一组中"
        >
          <Select
            mode="tags"
            open={false}
            tokenSeparators={['、', ',', '，', ' ', '/']}
            placeholder="例如 机滤 回车 机油格 回车"
            data-testid="synonym-words"
          />
        </Form.Item>
      </FormModal>
    </div>
  );
}
