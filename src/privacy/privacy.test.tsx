// The privacy flow: WeChat's pending call is resolved by the user's answer on our sheet, and a private
// API that could not run tells the user why in plain Chinese (docs/wechat-contracts.md §7a).
import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { PrivacySheet } from './PrivacySheet';
import { AGREE_BUTTON_ID, callPrivate, failureOf } from './privacy';
import { usePrivacy } from './store';

beforeEach(() => {
  usePrivacy.setState({ referrer: null, resolve: null });
  jest.mocked(Taro.showModal).mockClear();
});

test('the sheet says what the data is for, links the guide, and 同意 lets the pending call go on', () => {
  const resolve = jest.fn();
  render(<PrivacySheet />);
  expect(screen.queryByTestId('privacy-sheet')).toBeNull();
  act(() => usePrivacy.getState().ask('chooseAddress', resolve));
  expect(screen.getByTestId('privacy-sheet').textContent).toBe('用户隐私保护提示选择收货地址前，请你阅读并同意《用户隐私保护指引》。拒绝不影响其他功能的使用。拒绝同意');
  const agree = screen.getByTestId('privacy-agree');
  expect(agree.getAttribute('data-open-type')).toBe('agreePrivacyAuthorization');
  expect(agree.id).toBe(AGREE_BUTTON_ID);
  fireEvent.click(agree);
  expect(resolve).toHaveBeenCalledWith({ event: 'agree', buttonId: AGREE_BUTTON_ID });
  expect(screen.queryByTestId('privacy-sheet')).toBeNull();
});

test('拒绝 declines the pending call', () => {
  const resolve = jest.fn();
  render(<PrivacySheet />);
  act(() => usePrivacy.getState().ask('setClipboardData', resolve));
  expect(screen.getByTestId('privacy-sheet').textContent).toContain('复制链接前');
  fireEvent.click(screen.getByTestId('privacy-decline'));
  expect(resolve).toHaveBeenCalledWith({ event: 'disagree' });
});

test('a declined privacy guide, a refused permission and a cancel: a clear message, another, and silence', async () => {
  const fail = (errMsg: string) => () => Promise.reject({ errMsg });
  expect(await callPrivate('chooseAddress', fail('chooseAddress:fail privacy permission is not authorized'))).toBeNull();
  expect(jest.mocked(Taro.showModal).mock.calls[0][0]).toMatchObject({ content: '你没有同意《用户隐私保护指引》，无法选择收货地址。再次使用时可以重新选择。' });
  expect(await callPrivate('saveImageToPhotosAlbum', fail('saveImageToPhotosAlbum:fail auth deny'))).toBeNull();
  expect(jest.mocked(Taro.showModal).mock.calls[1][0]).toMatchObject({ content: expect.stringContaining('无法把海报保存到相册') });
  expect(await callPrivate('chooseImage', fail('chooseImage:fail cancel'))).toBeNull();
  expect(Taro.showModal).toHaveBeenCalledTimes(2);
  expect(await callPrivate('chooseImage', async () => ({ tempFilePaths: ['a'] }))).toEqual({ tempFilePaths: ['a'] });
  expect(failureOf({ errno: 104, errMsg: 'x' })).toBe('declined');
});
