import { registerEnumType } from 'type-graphql';

export enum CertificationScheme {
  VIETGAP = 'VIETGAP',
  GLOBALGAP = 'GLOBALGAP',
  ORGANIC = 'ORGANIC',
  HACCP = 'HACCP',
  OCOP = 'OCOP',
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

registerEnumType(CertificationScheme, { name: 'CertificationScheme', description: 'VietGAP, GlobalGAP, organic, HACCP or OCOP (3-5 stars).' });
registerEnumType(EpcisEventType, { name: 'EpcisEventType', description: 'EPCIS 2.0 event type.' });
registerEnumType(EpcisAction, {
  name: 'EpcisAction',
  description: 'EPCIS 2.0 action: ADD (objects created, e.g. a harvested lot commissioned), OBSERVE (seen, unchanged) or DELETE (decommissioned).',
});
