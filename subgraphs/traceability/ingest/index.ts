import type { Importer } from '../../../platform/ingest/importer';
import { certificatesImporter } from './certificates';
import { epcisImporter } from './epcis/importer';
import { growingAreasImporter } from './growing-areas';

/** What `nongsan import` can take into the traceability subgraph: certificate lists, growing-area codes, EPCIS files. */
// Each importer has its own record type; the CLI only runs them.
export const traceabilityImporters: Importer<any>[] = [certificatesImporter, growingAreasImporter, epcisImporter];
