import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A province-level unit (tỉnh, thành phố) after the 1 July 2025 reorganisation.' })
@Directive('@key(fields: "code")')
@Entity({ tableName: 'province' })
export class Province {
  @Field(() => String, { description: 'Two-digit code of the statistics office.' })
  @PrimaryKey({ type: 'string', length: 2 })
  code!: string;

  @Field(() => String, { description: 'Short name, e.g. "Lạng Sơn".' })
  @Property({ type: 'string' })
  name!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  nameEn!: string;

  @Field(() => String, { description: 'Full name, e.g. "Tỉnh Lạng Sơn".' })
  @Property({ type: 'string' })
  fullName!: string;

  @Field(() => String, { description: '"Tỉnh" or "Thành phố".' })
  @Property({ type: 'string' })
  unitType!: string;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  longitude?: number | null;
}

@ObjectType({ description: 'A commune-level unit (xã, phường, đặc khu); there are no districts since July 2025.' })
@Directive('@key(fields: "code")')
@Entity({ tableName: 'commune' })
export class Commune {
  @Field(() => String, { description: 'Five-digit code of the statistics office.' })
  @PrimaryKey({ type: 'string', length: 5 })
  code!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  name!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  nameEn!: string;

  @Field(() => String, { description: 'Full name, e.g. "Xã Chi Lăng".' })
  @Property({ type: 'string' })
  fullName!: string;

  @Field(() => String, { description: '"Xã", "Phường" or "Đặc khu".' })
  @Property({ type: 'string' })
  unitType!: string;

  @Index()
  @Property({ type: 'string', length: 2 })
  provinceCode!: string;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  longitude?: number | null;
}
