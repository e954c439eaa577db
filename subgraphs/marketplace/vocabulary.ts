import { registerEnumType } from 'type-graphql';

export enum Platform {
  POSTMART = 'POSTMART',
  VOSO = 'VOSO',
}

export const PLATFORM_LABELS: Record<Platform, string> = {
  [Platform.POSTMART]: 'Postmart.vn (VNPost)',
  [Platform.VOSO]: 'Voso.vn (Viettel Post)',
};

/** The prefix of the hub's ids for a platform's shops and orders: "PM-104226", "VS-OD-88120". */
export const PLATFORM_ID_PREFIX: Record<Platform, string> = {
  [Platform.POSTMART]: 'PM',
  [Platform.VOSO]: 'VS',
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

registerEnumType(Platform, { name: 'Platform', description: 'Postal marketplace platform (sàn thương mại điện tử): Postmart.vn or Voso.vn.' });
registerEnumType(OrderStatus, { name: 'OrderStatus', description: 'Order status (trạng thái đơn hàng); every status but CANCELLED counts as a sale.' });
registerEnumType(ListingStatus, { name: 'ListingStatus', description: 'Listing status (trạng thái sản phẩm đăng bán): REMOVED listings are hidden unless asked for.' });

/** Domestic orders carry this destination country (ISO 3166-1 alpha-2). */
export const DOMESTIC_COUNTRY = 'VN';

/** Orders that count as sales: everything but cancelled ones (placed and shipping orders are sold, not yet delivered). */
export const UNSOLD_ORDER_STATUS = OrderStatus.CANCELLED;

/** ISO 3166-1 alpha-2 codes with their names as the export team writes them. */
export const COUNTRY_NAMES: Record<string, string> = {
  VN: 'Việt Nam', CN: 'Trung Quốc', US: 'Hoa Kỳ', KR: 'Hàn Quốc', AU: 'Úc', IN: 'Ấn Độ', JP: 'Nhật Bản',
  SG: 'Singapore', DE: 'Đức', FR: 'Pháp',
};
