import { type EntityManager, In } from 'typeorm';
import { Part } from './part.entity';

/** Each line of a document beside its catalogue part, the parts read in one query. */
export async function withParts<L extends { partId: number }, R>(
  m: EntityManager,
  lines: L[],
  row: (line: L, part: Part) => R,
): Promise<R[]> {
  const parts = lines.length ? await m.findBy(Part, { id: In(lines.map((l) => l.partId)) }) : [];
  return lines.map((l) =>
    row(
      l,
      parts.find((p) => p.id === l.partId)!,
    ),
  );
}

/** How a stock document's line names its part (编号, 名称, 型号, 规格, 单位). */
export function partColumns(p: Part): { partCode: string; partName: string; partModel: string; partSpec: string; unit: string } {
  return { partCode: p.code, partName: p.name, partModel: p.model, partSpec: p.spec, unit: p.unit };
}
