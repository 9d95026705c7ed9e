import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small runtime settings an admin or keeper can change (alert thresholds), as text. */
@Entity('setting')
export class Setting {
  @PrimaryColumn({ type: 'varchar', length: 50 }) key: string;
  @Column({ type: 'varchar', length: 500 }) value: string;
  @Column({ type: 'datetime' }) updatedAt: Date;
}
