import { useState } from 'react';
import { Button, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { generatePassword } from '../utils/password';

interface Props {
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
}

/** A password field with a "generate" button; a generated password is shown so it can be handed over. */
export default function NewPasswordInput({ value, onChange, id }: Props) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input.Password
        id={id}
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        visibilityToggle={{ visible, onVisibleChange: setVisible }}
        autoComplete="new-password"
        maxLength={128}
      />
      <Button
        onClick={() => {
          onChange?.(generatePassword());
          setVisible(true);
        }}
      >
        {t('password.generate')}
      </Button>
    </Space.Compact>
  );
}
