// The five categories a 红色积分超市 counts service in. Stored as codes; people read the labels.
export const POINT_CATEGORIES = ['general', 'governance', 'environment', 'culture', 'construction'] as const;
export type PointCategory = (typeof POINT_CATEGORIES)[number];

export const POINT_CATEGORY_ZH: Record<PointCategory, string> = {
  general: '综合管理', governance: '社区治理', environment: '社区环境', culture: '社区文化', construction: '社区建设',
};

export const pointCategoryZh = (c: string | null | undefined): string =>
  c && c in POINT_CATEGORY_ZH ? POINT_CATEGORY_ZH[c as PointCategory] : '';
