import { registerEnumType } from 'type-graphql';

export enum CertificationScheme {
  VIETGAP = 'VIETGAP',
  GLOBALGAP = 'GLOBALGAP',
  ORGANIC = 'ORGANIC',
  HACCP = 'HACCP',
  OCOP = 'OCOP',
  /** A certificate an EPCIS event cites whose scheme its URI does not tell; the certificate list import settles it. */
  OTHER = 'OTHER',
}

/** How a lot was tied to its household (see ingest/epcis/linking.ts). */
export enum HouseholdLink {
  /** The source named the household or listing itself (demo data, a listing's own lots). */
  SOURCE = 'SOURCE',
  /** Its events declare a growing-area code registered to the household. */
  GROWING_AREA = 'GROWING_AREA',
  /** Its GTIN is that of exactly one listing whose lots are known here. */
  GTIN = 'GTIN',
  /** It was commissioned (harvested) at a place where only this household's lots are harvested. */
  LOCATION = 'LOCATION',
}

/** EPCIS 2.0 event types. */
export enum EpcisEventType {
  ObjectEvent = 'ObjectEvent',
  AggregationEvent = 'AggregationEvent',
  TransactionEvent = 'TransactionEvent',
  TransformationEvent = 'TransformationEvent',
  AssociationEvent = 'AssociationEvent',
}

/** EPCIS 2.0 `action`: what the event did to the objects' lifecycle. */
export enum EpcisAction {
  ADD = 'ADD',
  OBSERVE = 'OBSERVE',
  DELETE = 'DELETE',
}

/** The CBV business steps of a harvest-to-delivery journey (bare CBV 2.0 names, as EPCIS JSON-LD writes them). */
export const AGRI_FOOD_BIZ_STEPS = ['commissioning', 'inspecting', 'packing', 'shipping', 'receiving', 'retail_selling'] as const;
export type AgriFoodBizStep = (typeof AGRI_FOOD_BIZ_STEPS)[number];

registerEnumType(CertificationScheme, {
  name: 'CertificationScheme',
  description: 'VietGAP, GlobalGAP, organic, HACCP or OCOP (3-5 stars); OTHER for a certificate cited by an EPCIS event whose scheme is not known yet.',
});
registerEnumType(HouseholdLink, {
  name: 'HouseholdLink',
  description:
    'How a lot was tied to its household: SOURCE (named by the source), GROWING_AREA (its declared growing-area code), ' +
    'GTIN (the GTIN of exactly one known listing) or LOCATION (harvested where only that household harvests).',
});
registerEnumType(EpcisEventType, { name: 'EpcisEventType', description: 'EPCIS 2.0 event type.' });
registerEnumType(EpcisAction, {
  name: 'EpcisAction',
  description: 'EPCIS 2.0 action: ADD (objects created, e.g. a harvested lot commissioned), OBSERVE (seen, unchanged) or DELETE (decommissioned).',
});
