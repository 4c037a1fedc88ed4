// A stand-in for @tarojs/components: plain DOM elements with Taro's event shapes (`e.detail.value`).
import type { ReactNode } from 'react';

type Props = Record<string, unknown> & { children?: ReactNode; className?: string };

function pass({ children, className, onClick, ...rest }: Props) {
  const attrs: Record<string, unknown> = { className };
  for (const [k, v] of Object.entries(rest)) if (k.startsWith('data-') || k.startsWith('aria-')) attrs[k] = v;
  return { attrs, children, onClick: onClick as (() => void) | undefined };
}

export function View(props: Props) {
  const { attrs, children, onClick } = pass(props);
  return <div {...attrs} onClick={onClick}>{children}</div>;
}
export function Text(props: Props) {
  const { attrs, children, onClick } = pass(props);
  return <span {...attrs} onClick={onClick}>{children}</span>;
}
export function Button(props: Props) {
  const { attrs, children, onClick } = pass(props);
  // WeChat fires bindagreeprivacyauthorization when an open-type="agreePrivacyAuthorization" button is tapped.
  const agree = props.openType === 'agreePrivacyAuthorization' ? (props.onAgreePrivacyAuthorization as (() => void) | undefined) : undefined;
  const tap = () => { onClick?.(); agree?.(); };
  return <button {...attrs} id={props.id as string | undefined} data-open-type={props.openType as string | undefined} disabled={Boolean(props.disabled)} onClick={tap}>{children}</button>;
}
export function Image(props: Props) {
  const { attrs } = pass(props);
  return <img {...attrs} src={String(props.src ?? '')} alt="" />;
}
export function Input(props: Props) {
  const { attrs } = pass(props);
  const onInput = props.onInput as ((e: { detail: { value: string } }) => void) | undefined;
  return <input {...attrs} name={props.name as string} value={String(props.value ?? '')} onChange={(e) => onInput?.({ detail: { value: e.target.value } })} />;
}
export function Textarea(props: Props) {
  const { attrs } = pass(props);
  const onInput = props.onInput as ((e: { detail: { value: string } }) => void) | undefined;
  return <textarea {...attrs} value={String(props.value ?? '')} onChange={(e) => onInput?.({ detail: { value: e.target.value } })} />;
}
export const Swiper = View;
export const SwiperItem = View;
export const ScrollView = View;
