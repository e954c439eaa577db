import type { GraphExecutor } from './graph';

/** What the public trace page shows about a scanned code: public data only (the producer's public name, never a person's). */
export interface TraceView {
  code: string;
  digitalLink: string;
  product: { title: string | null; unit: string | null; brandMark: string | null; platform: string | null; crop: string | null };
  producer: { name: string; kind: string; commune: string; province: string } | null;
  growingAreaCode: string | null;
  certificates: Array<{
    scheme: string;
    stars: number | null;
    number: string;
    issuer: string;
    product: string | null;
    validFrom: string | null;
    validUntil: string | null;
    valid: boolean;
  }>;
  lot: { lotNumber: string; gtin: string | null; harvestedAt: string; quantityKg: number | null; harvestToDeliveryHours: number | null };
  timeline: Array<{ step: string; time: string; timeZoneOffset: string; place: string | null; atFarm: boolean; withdrawn: boolean }>;
}

export const TRACE_PAGE_QUERY = `query TracePage($code: String!) {
  trace(code: $code) {
    code
    digitalLink
    listing { title unit brandMark shop { platformLabel } }
    lot {
      lotNumber gtin harvestedAt quantityKg harvestToDeliveryHours
      growingArea { code crop }
      events { bizStep eventTime eventTimeZoneOffset readPoint bizLocation errorDeclaredAt }
      household {
        displayName kindLabel
        commune { name province { name } }
        certifications { scheme stars certificateNumber issuer product validFrom validUntil isValid }
      }
    }
  }
}`;

interface TraceEventData {
  bizStep: string | null;
  eventTime: string;
  eventTimeZoneOffset: string;
  readPoint: string | null;
  bizLocation: string | null;
  errorDeclaredAt: string | null;
}

interface TraceData {
  trace: null | {
    code: string;
    digitalLink: string;
    listing: null | { title: string; unit: string; brandMark: string | null; shop: { platformLabel: string } };
    lot: {
      lotNumber: string;
      gtin: string | null;
      harvestedAt: string;
      quantityKg: number | null;
      harvestToDeliveryHours: number | null;
      growingArea: null | { code: string; crop: string };
      events: TraceEventData[];
      household: null | {
        displayName: string;
        kindLabel: string;
        commune: { name: string; province: { name: string } };
        certifications: Array<{
          scheme: string;
          stars: number | null;
          certificateNumber: string;
          issuer: string;
          product: string | null;
          validFrom: string | null;
          validUntil: string | null;
          isValid: boolean;
        }>;
      };
    };
  };
}

/**
 * The GS1 Digital Link URI a request path stands for. The host does not matter to the lookup (any resolver's link
 * names the same pack), and the query string (expiry, say) does not either: the lot is found by GTIN and lot number.
 */
export function digitalLinkFromPath(path: string): string {
  return `https://id.gs1.org${path}`;
}

/** Looks the code up through the graph, as any client would; null for an unknown code. */
export async function loadTrace(execute: GraphExecutor, code: string): Promise<TraceView | null> {
  const data = await execute<TraceData>(TRACE_PAGE_QUERY, { code });
  const trace = data.trace;
  if (!trace) return null;
  const { lot } = trace;
  const household = lot.household;
  // The farm's own location (where the lot was harvested) is named by the producer's commune; other places by their GLN.
  const farmLocation = lot.events[0]?.bizLocation ?? lot.events[0]?.readPoint ?? null;
  return {
    code: trace.code,
    digitalLink: trace.digitalLink,
    product: {
      title: trace.listing?.title ?? null,
      unit: trace.listing?.unit ?? null,
      brandMark: trace.listing?.brandMark ?? null,
      platform: trace.listing?.shop.platformLabel ?? null,
      crop: lot.growingArea?.crop ?? null,
    },
    producer: household && {
      name: household.displayName,
      kind: household.kindLabel,
      commune: household.commune.name,
      province: household.commune.province.name,
    },
    growingAreaCode: lot.growingArea?.code ?? null,
    certificates: (household?.certifications ?? []).map((certificate) => ({
      scheme: certificate.scheme,
      stars: certificate.stars,
      number: certificate.certificateNumber,
      issuer: certificate.issuer,
      product: certificate.product,
      validFrom: certificate.validFrom,
      validUntil: certificate.validUntil,
      valid: certificate.isValid,
    })),
    lot: {
      lotNumber: lot.lotNumber,
      gtin: lot.gtin,
      harvestedAt: lot.harvestedAt,
      quantityKg: lot.quantityKg,
      harvestToDeliveryHours: lot.harvestToDeliveryHours,
    },
    timeline: lot.events.map((event) => {
      const location = event.bizLocation ?? event.readPoint;
      return {
        step: event.bizStep ?? 'other',
        time: event.eventTime,
        timeZoneOffset: event.eventTimeZoneOffset,
        place: location && location === farmLocation && household ? null : glnLabel(location),
        atFarm: location !== null && location === farmLocation,
        withdrawn: event.errorDeclaredAt !== null,
      };
    }),
  };
}

/** "urn:epc:id:sgln:8934588.54807.0" -> "GLN 8934588.54807": the location's identifier, without the URI scheme. */
function glnLabel(location: string | null): string | null {
  if (!location) return null;
  const sgln = /^urn:epc:id:sgln:(\d+)\.(\d*)\.(.+)$/.exec(location);
  if (sgln) return `GLN ${sgln[1]}.${sgln[2]}${sgln[3] === '0' ? '' : `.${sgln[3]}`}`;
  return location;
}
