import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('customer')
export class Customer {
  @PrimaryGeneratedColumn() id: number;
  /** person 个人 / company 单位 */
  @Column({ type: 'varchar', length: 10 }) kind: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  /** Pinyin initials of the name, lower case: 张三 -> zs. */
  @Column({ type: 'varchar', length: 200, default: '' }) pinyin: string;
  @Column({ type: 'int', nullable: true }) priceLevelId: number | null;
  @Column({ type: 'varchar', length: 30, default: '' }) taxNumber: string;
  @Column({ type: 'varchar', length: 500, default: '' }) remark: string;
  /**
   * Upper-case concatenation of name, pinyin, contacts' names and phones, and plates, kept by
   * CustomerService on every change: one indexed LIKE finds a customer by any of them.
   */
  @Column({ type: 'varchar', length: 2000, default: '' }) searchText: string;
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  @Column({ type: 'datetime' }) createdAt: Date;
  @Column({ type: 'datetime' }) updatedAt: Date;
}

@Entity('customer_contact')
export class CustomerContact {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) customerId: number;
  @Column({ type: 'varchar', length: 30 }) name: string;
  @Column({ type: 'varchar', length: 20 }) phone: string;
  @Column({ type: 'boolean', default: false }) isPrimary: boolean;
  @Column({ type: 'int', default: 0 }) sort: number;
}

@Entity('customer_address')
export class CustomerAddress {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) customerId: number;
  @Column({ type: 'varchar', length: 200 }) address: string;
  @Column({ type: 'boolean', default: false }) isDefault: boolean;
  @Column({ type: 'int', default: 0 }) sort: number;
}

@Entity('vehicle_model')
export class VehicleModel {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 30 }) brand: string;
  @Column({ type: 'varchar', length: 50 }) series: string;
  @Column({ type: 'int', nullable: true }) modelYear: number | null;
  @Column({ type: 'varchar', length: 50, default: '' }) engine: string;
  @Column({ type: 'varchar', length: 200, default: '' }) pinyin: string;
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  @Column({ type: 'datetime' }) createdAt: Date;
  @Column({ type: 'datetime' }) updatedAt: Date;
}

@Entity('vehicle')
export class Vehicle {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) customerId: number;
  /** 车牌号, normalized (upper case, no spaces); unique. */
  @Column({ type: 'varchar', length: 12 }) plate: string;
  @Column({ type: 'varchar', length: 17, default: '' }) vin: string;
  @Column({ type: 'varchar', length: 30, default: '' }) brand: string;
  @Column({ type: 'int', nullable: true }) vehicleModelId: number | null;
  @Column({ type: 'int', nullable: true }) year: number | null;
  @Column({ type: 'int', nullable: true }) mileage: number | null;
  @Column({ type: 'varchar', length: 200, default: '' }) remark: string;
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  @Column({ type: 'datetime' }) createdAt: Date;
  @Column({ type: 'datetime' }) updatedAt: Date;
}
