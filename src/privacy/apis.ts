// The private APIs the mini-program calls (docs/wechat-contracts.md §7a): what each needs from the 用户隐私保护指引
// (the MP console's privacy guide), whether app.json must list it in requiredPrivateInfos, and the Chinese
// for what the buyer or owner was doing — the sheet and the "declined" message say it.
// scripts/weapp-check reads this table to check the build; npm run doctor prints the guide items.
export interface PrivateApi {
  /** Must be in app.json requiredPrivateInfos (the location and address APIs). */
  declare: boolean;
  /** The item of the privacy guide that covers it. */
  guide: string;
  /** What the user was doing, for "同意后才能{doing}". */
  doing: string;
}

export const PRIVATE_APIS = {
  chooseAddress: { declare: true, guide: '收集你的地址', doing: '选择收货地址' },
  chooseImage: { declare: false, guide: '收集你选中的照片或视频信息', doing: '选择照片' },
  chooseMedia: { declare: false, guide: '收集你选中的照片或视频信息', doing: '选择照片' },
  saveImageToPhotosAlbum: { declare: false, guide: '使用你的相册（仅写入）权限', doing: '把海报保存到相册' },
  setClipboardData: { declare: false, guide: '使用你的剪切板', doing: '复制链接' },
  chooseMessageFile: { declare: false, guide: '收集你选中的文件', doing: '从聊天中选择文件' },
} satisfies Record<string, PrivateApi>;

export type PrivateApiName = keyof typeof PRIVATE_APIS;

/**
 * Location APIs that need requiredPrivateInfos too (§7a). The code calls none of them today; the build
 * check still fails if one appears without its declaration.
 */
export const DECLARED_ONLY_APIS = ['chooseLocation', 'getLocation', 'getFuzzyLocation', 'choosePoi', 'onLocationChange', 'startLocationUpdate', 'startLocationUpdateBackground'] as const;
