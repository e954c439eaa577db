import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Provenance } from '../../../platform/ingest/provenance';

/**
 * A place named by EPCIS events (their `bizLocation`): a farm, a packing house, a distribution hub. Derived from
 * captured events; a place where lots of exactly one household are harvested is that household's.
 */
@Entity({ tableName: 'location' })
export class Location extends Provenance {
  /** The URI as events write it: an SGLN (urn:epc:id:sgln:...), a Digital Link (.../414/<GLN>) or any other URI. */
  @PrimaryKey({ type: 'text' })
  id!: string;

  /** GS1 Global Location Number (13 digits), when the URI carries one. */
  @Index()
  @Property({ type: 'string', length: 13, nullable: true })
  gln?: string | null;

  /** GLN extension (a field, a store within the site), when not "0". */
  @Property({ type: 'string', nullable: true })
  glnExtension?: string | null;

  /** The household whose lots are harvested here, when exactly one household's are. */
  @Index()
  @Property({ type: 'string', length: 32, nullable: true })
  householdId?: string | null;

  @Property({ type: 'datetime' })
  firstSeenAt!: Date;
}
