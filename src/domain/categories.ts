import type { Category, Intent } from '../parse/types.js';

export const CATEGORY_ZH: Record<Category, string> = {
  sanitation: '环境卫生', clutter: '楼道堆物', ebike: '电动车', illegal_build: '违章搭建',
  construction_waste: '装修垃圾', pets: '犬只', facility: '设施损坏', safety: '安全隐患',
  dispute: '矛盾纠纷', parking: '停车秩序', security: '治安', assistance: '民生帮扶', other: '其他',
};

/** Details of these stay out of the group: neighbours' quarrels, crime, someone's hardship. */
export const SENSITIVE: ReadonlySet<string> = new Set<Category>(['dispute', 'security', 'assistance']);

export const RECORD_ZH: Partial<Record<Intent, string>> = {
  self_handled: '随手做', patrol: '巡查', visit: '走访', mediation: '调解',
};

export const STATUS_ZH: Record<string, string> = {
  open: '待处理', in_progress: '处理中', escalated: '已上报', resolved: '已办结', cancelled: '已取消',
};

export const categoryZh = (c: string | null | undefined): string => (c && c in CATEGORY_ZH ? CATEGORY_ZH[c as Category] : '其他');

/** 青一小区5号楼3单元 */
export function placeZh(p: { compound: string | null; building: string | null; unit: string | null; room?: string | null }): string {
  let s = p.compound ?? '';
  if (p.building) s += /^[A-Za-z]$/.test(p.building) ? `${p.building}座` : `${p.building}号楼`;
  if (p.unit) s += `${p.unit}单元`;
  if (p.room) s += `${p.room}室`;
  return s || '位置未说明';
}
