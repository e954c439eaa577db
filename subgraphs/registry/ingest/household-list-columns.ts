import type { ColumnSpec } from '../../../platform/ingest';
import { labelLookup } from '../../../platform/ingest/values';
import { HouseholdKind, HouseholdScale, PaymentAccountStatus, ProductGroup } from '../vocabulary';

/** The columns of a household list, with the headers communes and the farmers' union use for each. */
export type HouseholdListColumn =
  | 'headName' | 'nationalId' | 'previousNationalId' | 'phone' | 'kind' | 'displayName'
  | 'communeCode' | 'commune' | 'newCommune' | 'district' | 'province' | 'streetAddress'
  | 'scale' | 'productGroups' | 'cooperative' | 'digitalSkills' | 'packingAndDelivery' | 'paymentAccount'
  | 'consentExport' | 'consentMarketplaces' | 'consentStatistics' | 'registeredOn' | 'registrationCode'
  | 'headBirthYear' | 'members';

export const HOUSEHOLD_LIST_COLUMNS: ColumnSpec<HouseholdListColumn>[] = [
  { key: 'headName', required: true, headers: ['Họ và tên chủ hộ', 'Họ tên chủ hộ', 'Tên chủ hộ', 'Chủ hộ', 'Họ và tên', 'Họ tên', 'Người đại diện'], description: "Head of household (or a cooperative's representative); stored, never published", example: 'Nguyễn Văn An' },
  { key: 'nationalId', required: true, headers: ['Số CCCD', 'CCCD', 'Số CCCD/CMND', 'CCCD/CMND', 'Số căn cước', 'Số căn cước công dân', 'Số định danh cá nhân', 'Số định danh', 'Số CMND', 'CMND'], description: "The head's 12-digit CCCD (or old 9-digit CMND); recognises the household on re-import", example: '024085001234' },
  { key: 'headBirthYear', required: false, headers: ['Năm sinh chủ hộ', 'Năm sinh', 'Ngày sinh chủ hộ'], description: "The head's year (or date) of birth; must agree with the year a CCCD encodes; stored, never published, weighed when linking", example: '1975' },
  // Not "Nhân khẩu": lists use it for the number of people in the household.
  { key: 'members', required: false, headers: ['Thành viên hộ', 'Thành viên trong hộ', 'Các thành viên'], description: "The other members: name; relation (vợ, chồng, con, bố, mẹ, anh, chị, em, cháu, khác); birth year, separated by |. Stored, never published; a census or shop naming one finds the household", example: 'Lê Thị Mai; vợ; 1978 | Nguyễn Văn Nam; con; 2001' },
  { key: 'previousNationalId', required: false, headers: ['Số CMND cũ', 'CMND cũ', 'Số CMND trước đây'], description: 'Old 9-digit CMND of a head now listed by CCCD: updates the household registered under it', example: '121234567' },
  { key: 'phone', required: false, headers: ['Số điện thoại', 'Điện thoại', 'SĐT', 'Số ĐT', 'ĐT', 'Điện thoại liên hệ'], description: 'Mobile or landline, any common form (0912 345 678, +84 912 345 678, 84912345678)', example: '0912 345 678' },
  { key: 'kind', required: false, headers: ['Loại hình', 'Loại hộ', 'Loại hình tổ chức', 'Loại'], description: 'Hộ gia đình / Hộ sản xuất (default), Hộ kinh doanh, Hợp tác xã (HTX), Tổ hợp tác (THT)', example: 'Hộ gia đình' },
  { key: 'displayName', required: false, headers: ['Tên cơ sở', 'Tên HTX', 'Tên hộ kinh doanh', 'Tên đơn vị', 'Tên cơ sở/HTX', 'Tên giao dịch', 'Tên hiển thị'], description: 'Public name of a business household, cooperative or group (required for HTX and groups); family households get an anonymous label', example: 'HTX Vải thiều Lục Ngạn' },
  { key: 'communeCode', required: false, headers: ['Mã xã', 'Mã xã/phường', 'Mã phường/xã', 'Mã đơn vị hành chính', 'Mã ĐVHC'], description: 'Five-digit commune code, current or from before July 2025', example: '07582' },
  { key: 'commune', required: false, headers: ['Xã/Phường', 'Xã', 'Phường/Xã', 'Xã, phường', 'Xã/Phường/Thị trấn', 'Đơn vị cấp xã'], description: 'Commune name, current or from before July 2025 (one of commune code or name is required)', example: 'Xã Lục Ngạn' },
  { key: 'newCommune', required: false, headers: ['Xã mới', 'Xã/Phường mới', 'Xã sau sáp nhập', 'Xã/Phường sau sáp nhập'], description: 'Current commune, for an old commune that was divided between several', example: 'Xã Ea Ktur' },
  { key: 'district', required: false, headers: ['Huyện', 'Quận/Huyện', 'Huyện/Thị xã', 'Huyện/Quận/Thị xã', 'Quận huyện'], description: 'Old district (before July 2025): tells old communes of the same name apart', example: 'Huyện Lục Ngạn' },
  { key: 'province', required: false, headers: ['Tỉnh', 'Tỉnh/Thành phố', 'Tỉnh/TP', 'Tỉnh, thành phố', 'Tỉnh/Thành'], description: 'Province, current or old: tells communes of the same name apart', example: 'Bắc Ninh' },
  { key: 'streetAddress', required: false, headers: ['Địa chỉ', 'Thôn/Ấp', 'Thôn, xóm', 'Thôn/Bản', 'Địa chỉ chi tiết', 'Thôn/xóm/ấp'], description: 'Village and house; stored, never published', example: 'Thôn 3' },
  { key: 'scale', required: false, headers: ['Quy mô', 'Quy mô sản xuất'], description: 'Nhỏ (default for households), Vừa, Lớn (default for HTX and groups), Trang trại', example: 'Nhỏ' },
  { key: 'productGroups', required: false, headers: ['Nhóm sản phẩm', 'Nhóm SP', 'Sản phẩm chính', 'Nhóm ngành hàng', 'Sản phẩm'], description: 'One or more, separated by ; or , : Trái cây, Rau, Lúa gạo, Cà phê/Chè/Ca cao, Chăn nuôi, Thủy sản, Chế biến, Dược liệu/Gia vị, Vật tư nông nghiệp', example: 'Trái cây; Vật tư nông nghiệp' },
  { key: 'cooperative', required: false, headers: ['Thành viên HTX', 'Thành viên hợp tác xã', 'Thuộc HTX', 'HTX', 'Mã HTX'], description: 'The cooperative or group the household belongs to: its household ID (HH-...) or its name, in this file or already registered in the province', example: 'HTX Vải thiều Lục Ngạn' },
  { key: 'digitalSkills', required: false, headers: ['Đã tập huấn kỹ năng số', 'Tập huấn kỹ năng số', 'Đã tập huấn KNS', 'Kỹ năng số'], description: 'Trained in digital skills (indicator I.1): Có / x / a date, or Không / empty', example: 'Có' },
  { key: 'packingAndDelivery', required: false, headers: ['Đã tập huấn đóng gói, kết nối, giao hàng', 'Đã tập huấn đóng gói - giao hàng', 'Tập huấn đóng gói, giao hàng', 'Đã tập huấn đóng gói', 'Tập huấn quy trình đóng gói'], description: 'Trained in packing, connecting and delivery (indicator I.2): Có / x / a date, or Không / empty', example: '15/08/2024' },
  { key: 'paymentAccount', required: false, headers: ['Có tài khoản thanh toán', 'Tài khoản thanh toán điện tử', 'Có tài khoản thanh toán điện tử', 'TK thanh toán', 'Tài khoản thanh toán'], description: 'E-payment account (indicator I.4): Có / Đã mở, Đang sử dụng, or Không / empty', example: 'Có' },
  { key: 'consentExport', required: false, headers: ['Đồng ý công khai liên hệ xuất khẩu', 'Đồng ý công khai liên hệ', 'Đồng ý xúc tiến xuất khẩu'], description: 'Consents to its contact being given to export promotion: Có / Không', example: 'Có' },
  { key: 'consentMarketplaces', required: false, headers: ['Đồng ý chia sẻ với sàn TMĐT', 'Đồng ý chia sẻ với sàn', 'Đồng ý chia sẻ sàn TMĐT'], description: 'Consents to sharing with marketplaces: Có / Không', example: 'Có' },
  { key: 'consentStatistics', required: false, headers: ['Đồng ý dùng cho thống kê', 'Đồng ý chia sẻ thống kê', 'Đồng ý cho thống kê'], description: 'Consents to use for statistics and research: Có / Không', example: 'Không' },
  { key: 'registrationCode', required: false, headers: ['Mã số thuế', 'MST', 'Mã số HTX', 'Mã số doanh nghiệp', 'Số ĐKKD', 'Mã số đăng ký kinh doanh'], description: "A cooperative's or business household's tax or registration code (10 digits, or 13 for a branch): other sources link to it by this code", example: '2400123456' },
  { key: 'registeredOn', required: false, headers: ['Ngày đăng ký', 'Ngày đăng kí', 'Ngày vào danh sách'], description: 'Date of registration (15/08/2024 or 2024-08-15); defaults to the first import', example: '15/08/2024' },
];

export const householdKindOf = labelLookup<HouseholdKind>({
  [HouseholdKind.HOUSEHOLD]: ['Hộ gia đình', 'Hộ', 'Hộ sản xuất', 'Hộ sản xuất nông nghiệp', 'Hộ SXNN', 'Hộ nông dân', 'Hộ cá thể', 'HGĐ'],
  [HouseholdKind.BUSINESS_HOUSEHOLD]: ['Hộ kinh doanh', 'HKD', 'Hộ kinh doanh cá thể', 'Cơ sở', 'Cơ sở sản xuất', 'Cơ sở kinh doanh'],
  [HouseholdKind.COOPERATIVE]: ['Hợp tác xã', 'HTX', 'Hợp tác xã nông nghiệp', 'HTX nông nghiệp', 'Liên hiệp HTX'],
  [HouseholdKind.COOPERATIVE_GROUP]: ['Tổ hợp tác', 'THT', 'Tổ hợp tác sản xuất', 'Tổ HT', 'Tổ sản xuất', 'Nhóm hộ'],
});

export const householdScaleOf = labelLookup<HouseholdScale>({
  [HouseholdScale.SMALL]: ['Nhỏ', 'Quy mô nhỏ', 'Nhỏ lẻ'],
  [HouseholdScale.MEDIUM]: ['Vừa', 'Trung bình', 'Quy mô vừa'],
  [HouseholdScale.LARGE]: ['Lớn', 'Quy mô lớn'],
  [HouseholdScale.FARM]: ['Trang trại', 'Gia trại'],
});

export const paymentAccountOf = labelLookup<PaymentAccountStatus>({
  [PaymentAccountStatus.NONE]: ['Không', 'Chưa', 'Chưa có', 'Không có', 'K', 'KO', '0', 'No'],
  [PaymentAccountStatus.OPENED]: ['Có', 'Đã mở', 'Đã có', 'x', 'v', '1', 'Yes', 'Đã đăng ký'],
  [PaymentAccountStatus.ACTIVE]: ['Đang sử dụng', 'Đang dùng', 'Hoạt động', 'Có, đang sử dụng', 'Thường xuyên'],
});

/** Product words officials write, each mapped to its group; a cell may list several ("Cà phê, chè"). */
export const productGroupOf = labelLookup<ProductGroup>({
  [ProductGroup.FRUIT]: ['Trái cây', 'Cây ăn quả', 'Cây ăn trái', 'Hoa quả', 'Quả', 'Vải', 'Vải thiều', 'Na', 'Sầu riêng', 'Bơ', 'Thanh long', 'Bưởi', 'Cam', 'Xoài', 'Mận', 'Nhãn'],
  [ProductGroup.VEGETABLES]: ['Rau', 'Rau củ', 'Rau củ quả', 'Rau màu', 'Rau quả', 'Rau an toàn', 'Dâu tây', 'Nấm', 'Hoa', 'Cây cảnh'],
  [ProductGroup.RICE_AND_GRAINS]: ['Lúa gạo', 'Lúa', 'Gạo', 'Lương thực', 'Ngũ cốc', 'Ngô', 'Cây lương thực'],
  [ProductGroup.COFFEE_TEA_COCOA]: ['Cà phê', 'Chè', 'Trà', 'Ca cao', 'Cà phê, chè, ca cao', 'Cây công nghiệp'],
  [ProductGroup.LIVESTOCK]: ['Chăn nuôi', 'Gia súc', 'Gia cầm', 'Gà', 'Lợn', 'Heo', 'Bò', 'Thịt, trứng', 'Trứng', 'Mật ong'],
  [ProductGroup.AQUACULTURE]: ['Thủy sản', 'Thuỷ sản', 'Nuôi trồng thủy sản', 'Tôm', 'Cá'],
  [ProductGroup.PROCESSED_FOOD]: ['Chế biến', 'Thực phẩm chế biến', 'Sản phẩm chế biến', 'Nông sản chế biến', 'Đặc sản chế biến'],
  [ProductGroup.HERBS_AND_SPICES]: ['Dược liệu', 'Gia vị', 'Dược liệu, gia vị', 'Thảo dược', 'Quế', 'Hồi', 'Tiêu', 'Hồ tiêu'],
  [ProductGroup.FARM_INPUTS]: ['Vật tư nông nghiệp', 'Vật tư', 'Phân bón', 'Giống', 'Giống cây trồng', 'Thuốc BVTV', 'Thức ăn chăn nuôi', 'Vật tư NN'],
});
