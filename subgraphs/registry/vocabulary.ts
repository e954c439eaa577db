import { registerEnumType } from 'type-graphql';

export enum HouseholdKind {
  HOUSEHOLD = 'HOUSEHOLD',
  BUSINESS_HOUSEHOLD = 'BUSINESS_HOUSEHOLD',
  COOPERATIVE = 'COOPERATIVE',
  COOPERATIVE_GROUP = 'COOPERATIVE_GROUP',
}

/** Labels as the commissioning documents write them ("hộ SXNN", "HTX", "tổ hợp tác"). */
export const HOUSEHOLD_KIND_LABELS: Record<HouseholdKind, string> = {
  [HouseholdKind.HOUSEHOLD]: 'Hộ sản xuất nông nghiệp',
  [HouseholdKind.BUSINESS_HOUSEHOLD]: 'Hộ kinh doanh',
  [HouseholdKind.COOPERATIVE]: 'Hợp tác xã',
  [HouseholdKind.COOPERATIVE_GROUP]: 'Tổ hợp tác',
};

export enum HouseholdScale {
  SMALL = 'SMALL',
  MEDIUM = 'MEDIUM',
  LARGE = 'LARGE',
  FARM = 'FARM',
}

export enum ProductGroup {
  FRUIT = 'FRUIT',
  VEGETABLES = 'VEGETABLES',
  RICE_AND_GRAINS = 'RICE_AND_GRAINS',
  COFFEE_TEA_COCOA = 'COFFEE_TEA_COCOA',
  LIVESTOCK = 'LIVESTOCK',
  AQUACULTURE = 'AQUACULTURE',
  PROCESSED_FOOD = 'PROCESSED_FOOD',
  HERBS_AND_SPICES = 'HERBS_AND_SPICES',
  FARM_INPUTS = 'FARM_INPUTS',
}

export enum TrainingTopic {
  DIGITAL_SKILLS = 'DIGITAL_SKILLS',
  PACKING_AND_DELIVERY = 'PACKING_AND_DELIVERY',
}

export enum PaymentAccountStatus {
  NONE = 'NONE',
  OPENED = 'OPENED',
  ACTIVE = 'ACTIVE',
}

/** Purposes a household can consent to (Personal Data Protection Law: sharing needs a purpose). */
export enum ConsentPurpose {
  PUBLISH_CONTACT_FOR_EXPORT = 'PUBLISH_CONTACT_FOR_EXPORT',
  SHARE_WITH_MARKETPLACES = 'SHARE_WITH_MARKETPLACES',
  RESEARCH_STATISTICS = 'RESEARCH_STATISTICS',
}

registerEnumType(HouseholdKind, {
  name: 'HouseholdKind',
  description: 'Kind of farming producer (hộ SXNN, hộ kinh doanh, HTX, tổ hợp tác).',
});
registerEnumType(HouseholdScale, { name: 'HouseholdScale', description: 'Production scale as the registry classifies it.' });
registerEnumType(ProductGroup, { name: 'ProductGroup', description: 'Product group (nhóm sản phẩm).' });
registerEnumType(TrainingTopic, { name: 'TrainingTopic', description: 'Training topics counted by the programme indicators I.1 and I.2.' });
registerEnumType(PaymentAccountStatus, { name: 'PaymentAccountStatus', description: 'E-payment account status (indicator I.4).' });
registerEnumType(ConsentPurpose, { name: 'ConsentPurpose', description: 'A purpose the household consented to.' });

export enum PlaceKind {
  PROVINCE = 'PROVINCE',
  COMMUNE = 'COMMUNE',
}

registerEnumType(PlaceKind, { name: 'PlaceKind', description: 'Province-level or commune-level unit.' });

/** Where an information item reaches households (III.1: "qua sàn/apps di động"). */
export enum InformationChannel {
  POSTMART = 'POSTMART',
  VOSO = 'VOSO',
  MOBILE_APP = 'MOBILE_APP',
  OTHER = 'OTHER',
}

/** Labels officials write in the register's files. */
export const INFORMATION_CHANNEL_LABELS: Record<InformationChannel, string[]> = {
  [InformationChannel.POSTMART]: ['Postmart', 'Postmart.vn'],
  [InformationChannel.VOSO]: ['Voso', 'Voso.vn'],
  [InformationChannel.MOBILE_APP]: ['Ứng dụng di động', 'App di động', 'Apps di động', 'App'],
  [InformationChannel.OTHER]: ['Khác'],
};

registerEnumType(InformationChannel, { name: 'InformationChannel', description: 'Where an information item reaches households: a marketplace or a mobile app.' });
