// <Image> for cloud:// fileIDs: as they are in the mini-program, through temp URLs in h5 (services/images).
// A picture that cannot be loaded (the cloud is down, the file is gone) shows a calm grey placeholder,
// never the browser's broken-image icon.
import { Image, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { cachedUrl, needsResolving, resolveImage } from '../services/images';

interface Props {
  src: string | null | undefined;
  className?: string;
  mode?: 'aspectFill' | 'aspectFit' | 'widthFix';
  lazyLoad?: boolean;
}

export function CloudImage({ src, className, mode = 'aspectFill', lazyLoad = true }: Props) {
  const [url, setUrl] = useState<string>(() => (needsResolving(src) ? cachedUrl(src) ?? '' : src ?? ''));
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setFailed(false);
    if (needsResolving(src)) void resolveImage(src).then((u) => live && setUrl(u));
    else setUrl(src ?? '');
    return () => {
      live = false;
    };
  }, [src]);
  if (!url || failed) return <View className={`${className ?? ''} cloud-image--empty`} data-testid="image-placeholder" />;
  return <Image className={className} src={url} mode={mode} lazyLoad={lazyLoad} onError={() => setFailed(true)} />;
}
