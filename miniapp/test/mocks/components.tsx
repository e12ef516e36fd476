/**
 * Plain DOM stand-ins for @tarojs/components, so React Testing Library can render pages.
 * Events are shaped as Taro's (`e.detail.value` for inputs).
 */
import type { ReactNode } from 'react';

type AnyProps = Record<string, unknown> & { children?: ReactNode };

function pick(props: AnyProps) {
  const { id, className, children, role } = props;
  return { id: id as string | undefined, className: className as string | undefined, children, role: role as string | undefined };
}

export function View(props: AnyProps) {
  const { onClick } = props;
  return (
    <div {...pick(props)} aria-checked={props['aria-checked'] as boolean | undefined} onClick={onClick as () => void}>
      {props.children}
    </div>
  );
}

export function Text(props: AnyProps) {
  return <span {...pick(props)} onClick={props.onClick as () => void} />;
}

export function Button(props: AnyProps) {
  const disabled = Boolean(props.disabled);
  return (
    <button
      type="button"
      id={props.id as string | undefined}
      className={props.className as string | undefined}
      disabled={disabled}
      data-open-type={props.openType as string | undefined}
      onClick={props.onClick as () => void}
    >
      {props.children}
    </button>
  );
}

export function Input(props: AnyProps) {
  const onInput = props.onInput as ((e: { detail: { value: string } }) => void) | undefined;
  return (
    <input
      id={props.id as string | undefined}
      className={props.className as string | undefined}
      placeholder={props.placeholder as string | undefined}
      maxLength={props.maxlength as number | undefined}
      value={(props.value as string | undefined) ?? ''}
      onChange={(e) => onInput?.({ detail: { value: e.target.value } })}
    />
  );
}

export function Picker(props: AnyProps) {
  const onChange = props.onChange as ((e: { detail: { value: string } }) => void) | undefined;
  // a selector picker also renders a <select id="<id>-select"> so tests can choose an option
  // (fireEvent.change); Taro reports the chosen index as e.detail.value
  const select =
    props.mode === 'selector' && props.id ? (
      <select id={`${props.id as string}-select`} value={String(props.value ?? 0)} onChange={(e) => onChange?.({ detail: { value: e.target.value } })}>
        {((props.range as string[] | undefined) ?? []).map((label, i) => (
          <option key={label} value={i}>
            {label}
          </option>
        ))}
      </select>
    ) : null;
  return (
    <div data-picker={props.mode as string}>
      {props.children}
      {select}
    </div>
  );
}

export function ScrollView(props: AnyProps) {
  return <div {...pick(props)} />;
}
