/**
 * Texts of the feedback pages and of their entries on 我的, Chinese first with English. Kept beside the
 * pages; labels of tags, categories and states come from contracts ({ zh, en }).
 */
import { useI18n, type Lang } from '../../i18n';

const zh = {
  'rate.title': '评价行程',
  'rate.score': '总体评价',
  'rate.sub': '分项评分',
  'rate.tags': '选择标签',
  'rate.comment': '说说您的乘车感受（选填）',
  'rate.submit': '提交评价',
  'rate.done': '感谢您的评价',
  'rate.mine': '您的评价',
  'rate.notYet': '车辆出发后才能评价，请稍后再来',
  'rate.pickScore': '请先选择星级',
  'rate.stars': '{n} 星',
  'complaint.title': '投诉与建议',
  'complaint.kind': '类型',
  'complaint.category': '类别',
  'complaint.content': '请描述问题或建议（10–500 字）',
  'complaint.phone': '联系电话（选填）',
  'complaint.order': '关联订单',
  'complaint.submit': '提交',
  'complaint.done': '已提交，我们会尽快处理',
  'complaint.count': '{n}/500',
  'list.title': '我的投诉与建议',
  'list.empty': '暂无投诉或建议',
  'list.new': '我要投诉/建议',
  'list.replies': '客服回复',
  'list.noReply': '客服处理后会在这里回复您',
  'list.order': '订单 {no}',
  'hotline.label': '客服热线',
  'hotline.hint': '也可拨打客服热线 {phone}',
  'mine.feedback': '投诉与建议',
};
export type FeedbackTextKey = keyof typeof zh;

const en: Record<FeedbackTextKey, string> = {
  'rate.title': 'Rate your trip',
  'rate.score': 'Overall',
  'rate.sub': 'Details',
  'rate.tags': 'Tags',
  'rate.comment': 'Tell us about your ride (optional)',
  'rate.submit': 'Submit',
  'rate.done': 'Thanks for your rating',
  'rate.mine': 'Your rating',
  'rate.notYet': 'You can rate the trip once it has departed',
  'rate.pickScore': 'Choose the stars first',
  'rate.stars': '{n} stars',
  'complaint.title': 'Complaints and suggestions',
  'complaint.kind': 'Type',
  'complaint.category': 'Category',
  'complaint.content': 'Describe the problem or idea (10–500 characters)',
  'complaint.phone': 'Contact phone (optional)',
  'complaint.order': 'Order',
  'complaint.submit': 'Submit',
  'complaint.done': 'Submitted; we will look into it soon',
  'complaint.count': '{n}/500',
  'list.title': 'My complaints and suggestions',
  'list.empty': 'Nothing submitted yet',
  'list.new': 'New complaint or suggestion',
  'list.replies': 'Replies',
  'list.noReply': 'Customer service will reply here',
  'list.order': 'Order {no}',
  'hotline.label': 'Service hotline',
  'hotline.hint': 'Or call the service hotline {phone}',
  'mine.feedback': 'Complaints and suggestions',
};

const dictionaries: Record<Lang, Record<FeedbackTextKey, string>> = { zh, en };

export function feedbackText(lang: Lang, key: FeedbackTextKey, vars?: Record<string, string | number>): string {
  const text = dictionaries[lang][key] ?? zh[key];
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

export function useFeedbackText() {
  const { lang } = useI18n();
  return {
    lang,
    ft: (key: FeedbackTextKey, vars?: Record<string, string | number>) => feedbackText(lang, key, vars),
    label: (l: { zh: string; en: string }) => (lang === 'en' ? l.en : l.zh),
  };
}
