import { useEffect, useState } from 'react';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { ID_TYPES, validateRiderInput, type IdType, type RiderView } from '@dzky/contracts';
import { toast } from '../../../hooks/toast';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { isApiError } from '../../../services/request';
import { byField } from '../field-errors';
import { idTypeLabel } from '../id-type-label';
import { riderApi } from '../passenger-api';
import './index.scss';

type Field = 'name' | 'idType' | 'idNumber' | 'phone' | 'isSelf';
type Errors = Partial<Record<Field, string>>;

/**
 * Add or edit a rider (?id= to edit). The checks are the server's own (validateRiderInput from
 * contracts), so a mistake is explained before sending, in the same words the server would use.
 * Editing: the app only knows the masked ID and phone, so empty means "keep".
 */
export default function RiderEditPage() {
  const { t, lang } = useI18n();
  const id = Number(useRouter().params.id) || null;
  const [existing, setExisting] = useState<RiderView | null>(null);
  const [name, setName] = useState('');
  const [idType, setIdType] = useState<IdType>('id_card');
  const [idNumber, setIdNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [phoneTouched, setPhoneTouched] = useState(false);
  const [isSelf, setIsSelf] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  usePageTitle(id ? 'rider.edit.title' : 'rider.add.title');

  useEffect(() => {
    if (!id) return;
    riderApi
      .get(id)
      .then((r) => {
        setExisting(r);
        setName(r.name);
        setIdType(r.idType);
        setIsSelf(r.isSelf);
      })
      .catch((e) => {
        if (!isApiError(e)) throw e;
        void Taro.navigateBack(); // not found (deleted elsewhere): the wrapper said so
      });
  }, [id]);

  // the stored ID is kept only while the type is the stored one and nothing new was typed
  const keepsId = Boolean(existing && idType === existing.idType && !idNumber.trim());
  const keepsPhone = Boolean(existing && !phoneTouched);

  const check = (): Errors => {
    const found = byField<Field>(
      validateRiderInput({ name, idType, idNumber: keepsId ? undefined : idNumber, phone: keepsPhone ? undefined : phone }),
    );
    if (keepsId) delete found.idNumber;
    return found;
  };

  const save = async () => {
    if (busy || (id && !existing)) return;
    const found = check();
    setErrors(found);
    if (Object.keys(found).length) return;
    const body = {
      name: name.trim(),
      idType,
      idNumber: keepsId ? undefined : idNumber.trim(),
      phone: keepsPhone ? undefined : phone.trim() || null,
      isSelf,
    };
    setBusy(true);
    try {
      if (id) await riderApi.update(id, body);
      else await riderApi.create({ ...body, idNumber: body.idNumber ?? '' });
      toast(t('rider.saved'), 'success');
      await Taro.navigateBack();
    } catch (e) {
      if (!isApiError(e)) throw e;
      // the calls are silent: field problems go beside their fields, others in a toast
      if (e.errors.length) setErrors(byField<Field>(e.errors));
      if (!e.errors.length || e.errors.some((x) => !['name', 'idType', 'idNumber', 'phone', 'isSelf'].includes(x.field))) toast(e.errorMessage);
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: Field) =>
    errors[field] ? (
      <Text className="form-field__error" id={`rider-error-${field}`}>
        {errors[field]}
      </Text>
    ) : null;

  const typeLabels = ID_TYPES.map((type) => idTypeLabel(type, lang));

  return (
    <View className="rider-edit-page" id="rider-edit-page">
      <View className="form-card">
        <View className="form-field">
          <Text className="form-field__label">{t('rider.name')}</Text>
          <Input
            id="rider-name"
            className="form-field__input"
            maxlength={30}
            placeholder={t('rider.name.placeholder')}
            value={name}
            onInput={(e) => setName(e.detail.value)}
          />
        </View>
        {fieldError('name')}
        <View className="form-field">
          <Text className="form-field__label">{t('rider.idType')}</Text>
          <Picker
            id="rider-id-type"
            mode="selector"
            range={typeLabels}
            value={ID_TYPES.indexOf(idType)}
            onChange={(e) => setIdType(ID_TYPES[Number(e.detail.value)] ?? 'id_card')}
          >
            <View className="form-field__picker">
              <Text id="rider-id-type-value">{idTypeLabel(idType, lang)}</Text>
              <Text className="form-field__arrow">›</Text>
            </View>
          </Picker>
        </View>
        {fieldError('idType')}
        <View className="form-field">
          <Text className="form-field__label">{t('rider.idNumber')}</Text>
          <Input
            id="rider-id-number"
            className="form-field__input"
            type={idType === 'id_card' || idType === 'hmt_residence' ? 'idcard' : 'text'}
            maxlength={18}
            placeholder={existing && idType === existing.idType ? t('rider.idNumber.keep', { masked: existing.idNumberMasked }) : t('rider.idNumber.placeholder')}
            value={idNumber}
            onInput={(e) => setIdNumber(e.detail.value)}
          />
        </View>
        {fieldError('idNumber')}
        <View className="form-field">
          <Text className="form-field__label">{t('rider.phone')}</Text>
          <Input
            id="rider-phone"
            className="form-field__input"
            type="number"
            maxlength={11}
            placeholder={existing?.phoneMasked && !phoneTouched ? existing.phoneMasked : t('rider.phone.placeholder')}
            value={phone}
            onInput={(e) => {
              setPhoneTouched(true);
              setPhone(e.detail.value);
            }}
          />
        </View>
        {fieldError('phone')}
        <View className="form-field form-field--switch" id="rider-is-self" role="switch" aria-checked={isSelf} onClick={() => setIsSelf((v) => !v)}>
          <View>
            <Text className="form-field__label">{t('rider.isSelf')}</Text>
            <Text className="form-field__hint">{t('rider.isSelf.hint')}</Text>
          </View>
          <View className={`toggle ${isSelf ? 'toggle--on' : ''}`}>
            <View className="toggle__knob" />
          </View>
        </View>
        {fieldError('isSelf')}
      </View>
      <Text className="rider-edit-page__notice">{t('rider.notice')}</Text>
      <Button id="rider-save" className="rider-edit-page__save" loading={busy} disabled={busy} onClick={() => void save()}>
        {t('rider.save')}
      </Button>
    </View>
  );
}
