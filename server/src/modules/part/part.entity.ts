import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity('price_level')
export class PriceLevel {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 20 }) name: string;
  @Column({ type: 'int', default: 0 }) sort: number;
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  @Column({ type: 'datetime' }) createdAt: Date;
  @Column({ type: 'datetime' }) updatedAt: Date;
}

/** A catalogue part. Prices are integer fen; taxRate is a VAT percentage (13 = 13%). */
@Entity('part')
export class Part {
  @PrimaryGeneratedColumn() id: number;
  /** 配件编号, often an EAN-13 barcode. Unique. */
  @Column({ type: 'varchar', length: 40 }) code: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 200, default: '' }) pinyin: string;
  /** 别名: the workshop's own words for the part (机滤, 机油格), separated by 、 or spaces. */
  @Column({ type: 'varchar', length: 200, default: '' }) aliases: string;
  /** Pinyin initials of the name and of each alias, |-separated (jylqq|jl|jylx), for the search. */
  @Column({ type: 'varchar', length: 300, default: '' }) wordInitials: string;
  @Column({ type: 'varchar', length: 100, default: '' }) model: string;
  @Column({ type: 'varchar', length: 100, default: '' }) spec: string;
  @Column({ type: 'varchar', length: 10 }) unit: string;
  @Column({ type: 'varchar', length: 20 }) category: string;
  @Column({ type: 'int' }) costPrice: number;
  @Column({ type: 'int' }) salePrice: number;
  @Column({ type: 'int' }) taxRate: number;
  @Column({ type: 'int', default: 0 }) minStock: number;
  /** Upper-case code, name, aliases, their pinyin initials, model and spec, for one LIKE search. */
  @Column({ type: 'varchar', length: 600, default: '' }) searchText: string;
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  @Column({ type: 'datetime' }) createdAt: Date;
  @Column({ type: 'datetime' }) updatedAt: Date;
}

/** 每款车型配件: which vehicle models a part fits. */
@Entity('part_vehicle_model')
export class PartVehicleModel {
  @PrimaryColumn({ type: 'int' }) partId: number;
  @PrimaryColumn({ type: 'int' }) vehicleModelId: number;
}

/** The price of a part at a price level (零售 / 会员 / 车队 ...). */
@Entity('part_price')
export class PartPrice {
  @PrimaryColumn({ type: 'int' }) partId: number;
  @PrimaryColumn({ type: 'int' }) priceLevelId: number;
  @Column({ type: 'int' }) price: number;
}

/**
 * 同义词: one group of words that mean the same part (机滤 / 机油滤芯 / 机油滤清器). A search that
 * contains one of the words also looks for the others.
 */
@Entity('part_synonym')
export class PartSynonym {
  @PrimaryGeneratedColumn() id: number;
  /** The words, separated by 、 (at least two). */
  @Column({ type: 'varchar', length: 500 }) words: string;
  @Column({ type: 'datetime' }) createdAt: Date;
  @Column({ type: 'datetime' }) updatedAt: Date;
}
