import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Col, Divider, Drawer, Form, Row, Space, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../request';
import { applyFieldErrors } from '../../../utils/form';

interface Props<V> {
  open: boolean;
  title: string;
  form: FormInstance<V>;
  /** the record edited (null: create); the form is filled again when it changes */
  record: unknown;
  /** the form's values each time the drawer opens */
  initialValues: Partial<V>;
  /** sends the validated values; a refusal's field errors land on the fields */
  onSubmit(values: V): Promise<void>;
  onClose(): void;
  /** e.g. 'vehicle' → form name and the save button's test id `vehicle-save` */
  name: string;
  children: ReactNode;
}

/** 新建/编辑 of an archive: the form in a drawer, 取消 and 保存 on top, the server's refusal above the fields. */
export default function ArchiveFormDrawer<V>({ open, title, form, record, initialValues, onSubmit, onClose, name, children }: Props<V>) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(initialValues as never);
    // initialValues is rebuilt on every render; the form is filled when the drawer opens or its record changes
  }, [open, record, form]);

  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await onSubmit(values);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(isApiError(e) ? e.errorMessage : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={760}
      title={title}
      destroyOnHidden
      maskClosable={false}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid={`${name}-save`}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" name={name} scrollToFirstError>
        {children}
      </Form>
    </Drawer>
  );
}

/** A titled group of fields (基本信息, 证照…), as the paper file is laid out. */
export function FormSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <Divider orientation="left" orientationMargin={0}>
        {title}
      </Divider>
      <Row gutter={16}>{children}</Row>
    </>
  );
}

/** A half-width column (full width on narrow screens); `wide` spans the row. */
export function Field({ wide, children }: { wide?: boolean; children: ReactNode }) {
  return wide ? <Col span={24}>{children}</Col> : <Col xs={24} md={12}>{children}</Col>;
}

/** An antd rule from a contracts validator (null when fine), with the page's own wording of the problem. */
export function checkWith(validate: (value: string) => string | null, message: string) {
  return { validator: (_: unknown, v?: string) => (v?.trim() && validate(v) ? Promise.reject(new Error(message)) : Promise.resolve()) };
}
