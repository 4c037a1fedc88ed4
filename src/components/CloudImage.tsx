// <Image> for cloud:// fileIDs: as they are in the mini-program, through temp URLs in h5 (services/images).
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
  useEffect(() => {
    let live = true;
    if (needsResolving(src)) void resolveImage(src).then((u) => live && setUrl(u));
    else setUrl(src ?? '');
    return () => {
      live = false;
    };
  }, [src]);
  if (!url) return <View className={`${className ?? ''} cloud-image--empty`} />;
  return <Image className={className} src={url} mode={mode} lazyLoad={lazyLoad} />;
}
