import { registerEnumType } from 'type-graphql';

export enum Platform {
  POSTMART = 'POSTMART',
  VOSO = 'VOSO',
}

export const PLATFORM_LABELS: Record<Platform, string> = {
  [Platform.POSTMART]: 'Postmart.vn (VNPost)',
  [Platform.VOSO]: 'Voso.vn (Viettel Post)',
};

export enum OrderStatus {
  PLACED = 'PLACED',
  SHIPPING = 'SHIPPING',
  DELIVERED = 'DELIVERED',
  CANCELLED = 'CANCELLED',
}

export enum ListingStatus {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  REMOVED = 'REMOVED',
}

registerEnumType(Platform, { name: 'Platform', description: 'Marketplace platform.' });
registerEnumType(OrderStatus, { name: 'OrderStatus' });
registerEnumType(ListingStatus, { name: 'ListingStatus' });
