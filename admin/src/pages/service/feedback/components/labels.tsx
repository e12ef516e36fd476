import { Tag } from 'antd';
import { COMPLAINT_STATUS_LABELS, RATING_TAGS, type ComplaintStatus, type RatingTag } from '@dzky/contracts';
import { labelOf } from '../../../archive/components/labels';

const STATUS_COLOR: Record<ComplaintStatus, string> = { submitted: 'orange', processing: 'blue', resolved: 'green', closed: 'default' };

export function ComplaintStatusTag({ status }: { status: ComplaintStatus }) {
  return (
    <Tag bordered={false} color={STATUS_COLOR[status]}>
      {labelOf(COMPLAINT_STATUS_LABELS, status)}
    </Tag>
  );
}

const TAG_LABELS = Object.fromEntries(RATING_TAGS.map((t) => [t.code, { zh: t.zh, en: t.en }])) as Record<RatingTag, { zh: string; en: string }>;

export const ratingTagLabel = (tag: RatingTag) => labelOf(TAG_LABELS, tag);

export function RatingTags({ tags }: { tags: readonly RatingTag[] }) {
  return (
    <>
      {tags.map((tag) => (
        <Tag key={tag} bordered={false} color={RATING_TAGS.find((x) => x.code === tag)?.good ? 'green' : 'red'}>
          {ratingTagLabel(tag)}
        </Tag>
      ))}
    </>
  );
}

export const ratingTagOptions = () => RATING_TAGS.map((t) => ({ value: t.code, label: ratingTagLabel(t.code) }));
