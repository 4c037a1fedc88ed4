// orders.profile / orders.saveProfile: the name and avatar a buyer chose with WeChat's 头像昵称填写
// (<Button open-type="chooseAvatar">, <Input type="nickname">). WeChat checks the nickname's content
// itself when the input is used; the avatar is a file the buyer uploaded under buyers/ (storage rules:
// only its uploader writes it).
import { buyerLabel } from '../../core/buyers';
import { COLLECTIONS } from '../../core/collections';
import type { Payload } from '../../core/contracts/registry';
import { buyerFileAllowed } from '../../core/contracts/storage';
import type { BuyerProfileView } from '../../core/contracts/views';
import { fail, ok, type Result } from '../../core/errors';
import type { BuyerProfileDoc } from '../../core/model';
import type { OperationContext } from '../handler';
import { loadProfiles } from '../store/buyers';
import { resolveImageUrls, urlOf } from '../wechat/images';
import { sdk } from '../wechat/sdk';

async function viewOf(openid: string, p: BuyerProfileDoc | undefined): Promise<BuyerProfileView> {
  const avatar = p?.avatar ?? null;
  const urls = await resolveImageUrls([avatar]);
  return { nickname: p?.nickname ?? '', avatar, avatarUrl: urlOf(urls, avatar), label: buyerLabel(openid) };
}

export async function profile(_p: Payload<'orders', 'profile'>, ctx: OperationContext): Promise<Result<BuyerProfileView>> {
  const found = await loadProfiles(ctx.db, [ctx.openid]);
  return ok(await viewOf(ctx.openid, found.get(ctx.openid)));
}

export async function saveProfile(p: Payload<'orders', 'saveProfile'>, ctx: OperationContext): Promise<Result<BuyerProfileView>> {
  const env = String((sdk().getWXContext() as { ENV?: unknown }).ENV ?? '');
  if (p.avatar !== null && !buyerFileAllowed(p.avatar, env)) return fail('FILE_NOT_YOURS', { path: 'avatar' });
  const doc: Omit<BuyerProfileDoc, '_id'> = { nickname: p.nickname, avatar: p.avatar, updatedAt: ctx.now };
  await ctx.db.collection(COLLECTIONS.buyerProfiles).doc(ctx.openid).set({ data: { ...doc } });
  return ok(await viewOf(ctx.openid, { _id: ctx.openid, ...doc }));
}
