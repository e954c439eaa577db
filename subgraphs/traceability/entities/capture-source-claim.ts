import { Entity, Enum, PrimaryKey } from '@mikro-orm/core';

export enum ClaimKind {
  GTIN = 'GTIN',
  LOCATION = 'LOCATION',
}

/**
 * What an EPCIS capture source may write about: a GTIN (its lots) or a location (read point, business location),
 * registered to it by an administrator (`npx nongsan sources claim`). One owner per GTIN or location.
 */
@Entity({ tableName: 'capture_source_claim' })
export class CaptureSourceClaim {
  @Enum({ items: () => ClaimKind, nativeEnumName: 'claim_kind', primary: true })
  kind!: ClaimKind;

  /** A 14-digit GTIN, or a location's EPC URI as events give it (urn:epc:id:sgln:...). */
  @PrimaryKey({ type: 'string', length: 255 })
  value!: string;

  /** The source's name: the scope of its partner key. */
  @PrimaryKey({ type: 'string', length: 64 })
  source!: string;
}
