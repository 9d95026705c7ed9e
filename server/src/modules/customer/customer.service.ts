import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { type EntityManager, In } from 'typeorm';
import type { CustomerCreateInput, CustomerListItem, CustomerListQuery, CustomerUpdateInput, CustomerView, Page } from '@hongyuan/shared';
import type { RequestMeta } from '../../common/actor';
import { invalid, notFound } from '../../common/errors';
import { likeContains, likeSql, paginate } from '../../common/paging';
import { pinyinInitials } from '../../common/search-text';
import { Tx, unlessDuplicate } from '../../common/tx';
import { AuditService, changeAction, type AuditEntry } from '../audit/audit.service';
import { Customer, CustomerAddress, CustomerContact, Vehicle } from './customer.entity';
import { checkPriceLevel, checkVehicles, customerSearchText, flagOne, searchKeyword, vehicleClash, withModelBrand } from './customer-rules';
import { customerListItems, customerView } from './customer.views';

type ContactIn = CustomerUpdateInput['contacts'][number];
type AddressIn = CustomerUpdateInput['addresses'][number];

/** 客户: a person or a company, its contacts, addresses and vehicles. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class CustomerService {
  @Inject() tx: Tx;
  @Inject() audit: AuditService;

  /** One LIKE on the search text finds a customer by name, initials, contact, phone or plate. */
  async list(q: CustomerListQuery): Promise<Page<CustomerListItem>> {
    const db = this.tx.dataSource.manager;
    const qb = db.createQueryBuilder(Customer, 'c').orderBy('c.id', 'DESC');
    if (q.keyword) qb.andWhere(likeSql('c.searchText', 'kw'), { kw: likeContains(searchKeyword(q.keyword)) });
    if (q.enabled !== undefined) qb.andWhere('c.enabled = :enabled', { enabled: q.enabled });
    return paginate(qb, q, (rows) => customerListItems(db, rows));
  }

  async get(id: number): Promise<CustomerView> {
    return this.view(this.tx.dataSource.manager, id);
  }

  async create(input: CustomerCreateInput, meta: RequestMeta): Promise<CustomerView> {
    input.contacts.forEach((c, i) => {
      if (c.id) throw invalid(`contacts.${i}.id`, '新客户的联系人不应带编号');
    });
    input.addresses.forEach((a, i) => {
      if (a.id) throw invalid(`addresses.${i}.id`, '新客户的地址不应带编号');
    });
    const saving = this.tx.run(async (m) => {
      await checkPriceLevel(m, input.priceLevelId);
      await checkVehicles(m, input.vehicles, (i) => `vehicles.${i}.`);
      const now = new Date();
      const { identifiers } = await m.insert(Customer, {
        kind: input.kind,
        name: input.name,
        pinyin: pinyinInitials(input.name).slice(0, 200),
        priceLevelId: input.priceLevelId,
        taxNumber: input.taxNumber,
        remark: input.remark,
        searchText: customerSearchText(
          input.name,
          input.contacts,
          input.vehicles.map((v) => v.plate),
        ),
        enabled: input.enabled,
        createdAt: now,
        updatedAt: now,
      });
      const id: number = identifiers[0].id;
      await this.replaceContacts(m, id, input.contacts);
      await this.replaceAddresses(m, id, input.addresses);
      const vehicles = await Promise.all(input.vehicles.map((v) => withModelBrand(m, v)));
      if (vehicles.length)
        await m.insert(
          Vehicle,
          vehicles.map((v) => ({ ...v, customerId: id, createdAt: now, updatedAt: now })),
        );
      const view = await this.view(m, id);
      const { vehicles: created, ...customer } = view;
      await this.audit.recordMany(m, meta, [
        { action: 'customer.create', entity: 'customer', entityId: id, after: customer },
        ...created.map((v): AuditEntry => ({ action: 'vehicle.create', entity: 'vehicle', entityId: v.id, after: v })),
      ]);
      return view;
    });
    return unlessDuplicate(saving, () => vehicleClash(this.tx.dataSource.manager, input.vehicles, (i) => `vehicles.${i}.`));
  }

  /** Contacts and addresses are replaced as a whole; rows sent back with their id are kept. */
  async update(id: number, input: CustomerUpdateInput, meta: RequestMeta): Promise<CustomerView> {
    return this.tx.run(async (m) => {
      const { vehicles, ...before } = await this.view(m, id);
      await checkPriceLevel(m, input.priceLevelId, before.priceLevelId);
      await this.replaceContacts(m, id, input.contacts);
      await this.replaceAddresses(m, id, input.addresses);
      await m.update(
        Customer,
        { id },
        {
          kind: input.kind,
          name: input.name,
          pinyin: pinyinInitials(input.name).slice(0, 200),
          priceLevelId: input.priceLevelId,
          taxNumber: input.taxNumber,
          remark: input.remark,
          searchText: customerSearchText(
            input.name,
            input.contacts,
            vehicles.map((v) => v.plate),
          ),
          enabled: input.enabled,
          updatedAt: new Date(),
        },
      );
      const view = await this.view(m, id);
      const { vehicles: _unchanged, ...after } = view;
      await this.audit.record(m, meta, {
        action: changeAction('customer', before.enabled, after.enabled),
        entity: 'customer',
        entityId: id,
        before,
        after,
      });
      return view;
    });
  }

  private async view(m: EntityManager, id: number): Promise<CustomerView> {
    const c = await m.findOneBy(Customer, { id });
    if (!c) throw notFound('客户');
    return customerView(m, c);
  }

  private async replaceContacts(m: EntityManager, customerId: number, contacts: ContactIn[]) {
    const primary = flagOne(contacts, (c) => c.isPrimary);
    await replaceRows(
      m,
      CustomerContact,
      customerId,
      'contacts',
      '联系人',
      contacts.map((c, i) => ({ id: c.id, name: c.name, phone: c.phone, isPrimary: primary[i], sort: i })),
    );
  }

  private async replaceAddresses(m: EntityManager, customerId: number, addresses: AddressIn[]) {
    const chosen = flagOne(addresses, (a) => a.isDefault);
    await replaceRows(
      m,
      CustomerAddress,
      customerId,
      'addresses',
      '地址',
      addresses.map((a, i) => ({ id: a.id, address: a.address, isDefault: chosen[i], sort: i })),
    );
  }
}

/**
 * Makes the customer's rows exactly `rows`: those with an id are updated (the id must be one
 * of this customer's), those without are inserted, the rest deleted.
 */
async function replaceRows<T extends { id?: number }>(
  m: EntityManager,
  entity: typeof CustomerContact | typeof CustomerAddress,
  customerId: number,
  path: string,
  label: string,
  rows: T[],
) {
  const existing = new Set((await m.find(entity, { select: { id: true }, where: { customerId } })).map((r) => r.id));
  const kept = new Set<number>();
  rows.forEach((r, i) => {
    if (r.id === undefined) return;
    if (!existing.has(r.id)) throw invalid(`${path}.${i}.id`, `${label}（编号 ${r.id}）不属于该客户`);
    if (kept.has(r.id)) throw invalid(`${path}.${i}.id`, `${label}（编号 ${r.id}）重复`);
    kept.add(r.id);
  });
  const gone = [...existing].filter((x) => !kept.has(x));
  if (gone.length) await m.delete(entity, { id: In(gone) });
  for (const { id, ...fields } of rows) {
    if (id !== undefined) await m.update(entity, { id }, fields);
  }
  const fresh = rows.filter((r) => r.id === undefined).map(({ id: _none, ...fields }) => ({ ...fields, customerId }));
  if (fresh.length) await m.insert(entity, fresh);
}
