import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { ImportProblem } from '../../../platform/ingest/problems';

/** One EPCIS capture request as the REST binding's capture job describes it (`GET /epcis/capture/<captureID>`). */
@Entity({ tableName: 'epcis_capture_job' })
export class EpcisCaptureJob {
  @PrimaryKey({ type: 'string', length: 40 })
  captureId!: string;

  @Index()
  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  finishedAt?: Date | null;

  @Property({ type: 'boolean' })
  running!: boolean;

  @Property({ type: 'boolean' })
  success!: boolean;

  /** The `GS1-Capture-Error-Behaviour` the client asked for. */
  @Property({ type: 'string', length: 16 })
  captureErrorBehaviour!: 'rollback' | 'proceed';

  /** The document's own `id` or `instanceIdentifier`, to tell the sender's documents apart. */
  @Property({ type: 'text', nullable: true })
  documentId?: string | null;

  @Property({ type: 'integer' })
  eventCount!: number;

  @Property({ type: 'integer' })
  inserted!: number;

  @Property({ type: 'integer' })
  updated!: number;

  @Property({ type: 'integer' })
  unchanged!: number;

  @Property({ type: 'integer' })
  rejected!: number;

  /** Problems of the events left out (with `proceed`). */
  @Property({ type: 'json' })
  errors: ImportProblem[] = [];
}
