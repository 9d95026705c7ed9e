import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@hongyuan/shared';

const roleList = {
  to: (roles: Role[]) => roles.join(','),
  from: (v: string | null) => (v ? (v.split(',') as Role[]) : []),
};

@Entity('department')
export class Department {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 50 }) name: string;
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  @Column({ type: 'datetime' }) createdAt: Date;
  @Column({ type: 'datetime' }) updatedAt: Date;
}

@Entity('employee')
export class Employee {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 30 }) name: string;
  /** 登录手机号 — the login name. */
  @Column({ type: 'varchar', length: 20 }) phone: string;
  @Column({ type: 'varchar', length: 200 }) passwordHash: string;
  /** Set on accounts whose password someone else knows (demo data): he sets his own first. */
  @Column({ type: 'boolean', default: false }) mustChangePassword: boolean;
  @Column({ type: 'int', nullable: true }) departmentId: number | null;
  @ManyToOne(() => Department, { nullable: true })
  @JoinColumn({ name: 'departmentId' })
  department?: Department | null;
  @Column({ type: 'varchar', length: 100, transformer: roleList }) roles: Role[];
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  @Column({ type: 'datetime' }) createdAt: Date;
  @Column({ type: 'datetime' }) updatedAt: Date;
}

@Entity('warehouse')
export class Warehouse {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 50 }) name: string;
  @Column({ type: 'varchar', length: 200, default: '' }) address: string;
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  @Column({ type: 'datetime' }) createdAt: Date;
  @Column({ type: 'datetime' }) updatedAt: Date;
}

/** The keepers (库管) of a warehouse: any one of them may approve its documents (或签). */
@Entity('warehouse_keeper')
export class WarehouseKeeper {
  @PrimaryColumn({ type: 'int' }) warehouseId: number;
  @PrimaryColumn({ type: 'int' }) employeeId: number;
}
