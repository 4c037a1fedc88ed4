// 店员 (core/roles.ts): the owner invites a helper with a one-time code (24 h) sent as a share card or
// told aloud, lists the staff, renames them, sets a 店员's refund limit, and removes them (at once: the
// server reads the staff record on every call). Only the 店长 reaches this page; the server refuses others.
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import type { InviteView, StaffRow } from '../../../../core/contracts/views';
import { formatYuan, yuanToFen } from '../../../../core/money';
import { INVITE_TTL_MS, ROLE_LABELS, STAFF_ROLES, type StaffRole } from '../../../../core/roles';
import { formatChinaDateTime } from '../../../../core/time';
import { call, errorMessage } from '../../../services/cloud';
import { Field } from '../../components/Field';
import { OwnerGate } from '../../components/OwnerGate';
import { useOwnerLoad } from '../../components/useOwnerLoad';
import { OT } from '../../text';
import './index.scss';

export default function StaffPage() {
  const { params } = useRouter();
  const shopId = params.shopId ?? '';
  const loaded = useOwnerLoad(() => call('shopAdmin', 'listStaff', { shopId }));
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('clerk');
  const [limit, setLimit] = useState('0');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [invite, setInvite] = useState<InviteView | null>(null);

  useShareAppMessage(() => ({ title: OT.staff.cardTitle(invite?.shopName ?? ''), path: `/${invite?.path ?? ''}` }));

  const run = async (fn: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      await fn();
      await loaded.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const create = () => {
    if (!name.trim()) return setError(OT.staff.nameRequired);
    const fen = yuanToFen(limit || '0');
    if (!fen.ok) return setError(OT.staff.refundLimitInvalid);
    return run(async () => {
      setInvite(await call('shopAdmin', 'inviteStaff', { shopId, role, name: name.trim(), refundLimit: role === 'clerk' ? fen.data : 0 }));
      setName('');
    });
  };
  const rename = (s: StaffRow) => Taro.showModal({ title: OT.staff.rename, editable: true, placeholderText: s.name } as Taro.showModal.Option)
    .then((r) => { const next = (r as { content?: string }).content?.trim(); if (r.confirm && next) void run(() => call('shopAdmin', 'updateStaff', { shopId, openid: s.openid, name: next })); });
  const setRefundLimit = (s: StaffRow) => Taro.showModal({ title: OT.staff.refundLimit, editable: true, placeholderText: (s.refundLimit / 100).toFixed(2) } as Taro.showModal.Option)
    .then((r) => {
      const fen = yuanToFen((r as { content?: string }).content?.trim() ?? '');
      if (r.confirm && fen.ok) void run(() => call('shopAdmin', 'updateStaff', { shopId, openid: s.openid, refundLimit: fen.data }));
      else if (r.confirm) setError(OT.staff.refundLimitInvalid);
    });
  const remove = (s: StaffRow) => Taro.showModal({ title: OT.staff.remove, content: OT.staff.removeConfirm(s.name) })
    .then((r) => { if (r.confirm) void run(() => call('shopAdmin', 'removeStaff', { shopId, openid: s.openid })); });

  return (
    <OwnerGate loaded={loaded}>
      {({ staff, invites }) => (
        <View className="staff">
          <View className="section">
            <Text className="section__title">{OT.staff.invite}</Text>
            <Text className="muted">{OT.staff.lead}</Text>
            <Field label={OT.staff.name} value={name} onInput={setName} placeholder={OT.staff.namePlaceholder} maxlength={40} testId="staff-name" />
            <View className="staff__roles">
              {STAFF_ROLES.map((r) => (
                <View key={r} className={`staff__role ${role === r ? 'staff__role--on' : ''}`} data-testid={`staff-role-${r}`} onClick={() => setRole(r)}>
                  <Text>{ROLE_LABELS[r]}</Text>
                </View>
              ))}
            </View>
            <Text className="muted">{OT.staff.roleHints[role]}</Text>
            {role === 'clerk' && (
              <Field label={OT.staff.refundLimit} value={limit} onInput={setLimit} type="digit" hint={OT.staff.refundLimitHint} testId="staff-limit" />
            )}
            {error && <Text className="field__error" data-testid="staff-error">{error}</Text>}
            <Button className="primary-button staff__button" data-testid="staff-invite" disabled={busy} onClick={() => void create()}>
              {busy ? OT.staff.creating : OT.staff.create}
            </Button>
            {invite && (
              <View data-testid="staff-invite-result">
                <Text className="section__title">{OT.staff.code}</Text>
                <Text className="staff__code" data-testid="staff-code">{invite.code}</Text>
                <Text className="muted">{OT.staff.codeHint(INVITE_TTL_MS / 3_600_000)}</Text>
                <Button className="primary-button staff__button" openType="share">{OT.staff.shareCard}</Button>
                <Button className="secondary-button staff__button" onClick={() => void Taro.setClipboardData({ data: invite.code })}>{OT.staff.copyCode}</Button>
              </View>
            )}
          </View>
          <View className="section">
            <Text className="section__title">{OT.staff.members}</Text>
            {staff.length === 0 && <Text className="muted" data-testid="staff-empty">{OT.staff.empty}</Text>}
            {staff.map((s) => (
              <View key={s.openid} className="staff__row" data-testid="staff-row">
                <View className="staff__who">
                  <Text>{s.name} · {ROLE_LABELS[s.role]}</Text>
                  {s.role === 'clerk' && <Text className="muted">{OT.staff.limitShort(formatYuan(s.refundLimit))}</Text>}
                  {s.notifyNewOrders && <Text className="muted">{OT.staff.notifyOn}</Text>}
                </View>
                <View className="staff__actions">
                  <Button size="mini" className="secondary-button" onClick={() => void rename(s)}>{OT.staff.rename}</Button>
                  {s.role === 'clerk' && <Button size="mini" className="secondary-button" onClick={() => void setRefundLimit(s)}>{OT.staff.refundLimit.replace('（元）', '')}</Button>}
                  <Button size="mini" className="secondary-button" data-testid="staff-remove" onClick={() => void remove(s)}>{OT.staff.remove}</Button>
                </View>
              </View>
            ))}
          </View>
          {invites.length > 0 && (
            <View className="section">
              <Text className="section__title">{OT.staff.pending}</Text>
              {invites.map((i) => (
                <View key={i.code} className="staff__row">
                  <Text>{i.name} · {ROLE_LABELS[i.role]} · {i.code}</Text>
                  <Text className="muted">{OT.staff.expiresAt(formatChinaDateTime(i.expiresAt))}</Text>
                </View>
              ))}
            </View>
          )}
        </View>
      )}
    </OwnerGate>
  );
}
