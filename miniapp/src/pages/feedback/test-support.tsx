/** Test helpers of the feedback pages: Taro's Textarea and makePhoneCall are not in the shared mocks. */
import { act } from '@testing-library/react';

export const textareaMock = () => {
  const actual = jest.requireActual('../../../test/mocks/components');
  return {
    ...actual,
    Textarea: (props: { id?: string; value?: string; placeholder?: string; onInput?: (e: { detail: { value: string } }) => void }) => (
      <textarea id={props.id} placeholder={props.placeholder} value={props.value ?? ''} onChange={(e) => props.onInput?.({ detail: { value: e.target.value } })} />
    ),
  };
};

export async function flush() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}
