// Product photos: choose (album or camera), upload to cloud storage, reorder (the first is the cover) and
// delete with a confirmation. Holds fileIDs only; the images show through CloudImage (temp URLs in h5).
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { CloudImage } from '../../components/CloudImage';
import { moveEarlier } from '../lib/list';
import { chooseImages, uploadChosen } from '../services/upload';
import { OT } from '../text';
import './PhotoEditor.scss';

interface Props {
  photos: string[];
  max: number;
  folder: string;
  onChange: (photos: string[]) => void;
  onBusy?: (busy: boolean) => void;
}

export function PhotoEditor({ photos, max, folder, onChange, onBusy }: Props) {
  const [uploading, setUploading] = useState(0);

  const add = async () => {
    const chosen = await chooseImages(max - photos.length);
    if (chosen.length === 0) return;
    setUploading(chosen.length);
    onBusy?.(true);
    const added: string[] = [];
    try {
      for (const c of chosen) {
        added.push(await uploadChosen(folder, c));
        setUploading((n) => n - 1);
      }
    } catch {
      Taro.showToast({ title: OT.common.uploadFailed, icon: 'none' });
    } finally {
      setUploading(0);
      onBusy?.(false);
      if (added.length > 0) onChange([...photos, ...added].slice(0, max));
    }
  };

  const remove = async (index: number) => {
    const { confirm } = await Taro.showModal({ title: '', content: OT.editor.removePhotoConfirm });
    if (confirm) onChange(photos.filter((_, i) => i !== index));
  };

  return (
    <View className="photo-editor" data-testid="photo-editor">
      {photos.map((p, i) => (
        <View key={p} className="photo-editor__item" data-testid="photo">
          <CloudImage className="photo-editor__img" src={p} />
          {i === 0 && <Text className="photo-editor__cover">封面</Text>}
          <View className="photo-editor__tools">
            {i > 0 && <Text className="photo-editor__tool" onClick={() => onChange(moveEarlier(photos, i))}>{OT.editor.moveLeft}</Text>}
            <Text className="photo-editor__tool" data-testid="photo-remove" onClick={() => void remove(i)}>{OT.editor.removePhoto}</Text>
          </View>
        </View>
      ))}
      {uploading > 0 && <View className="photo-editor__item photo-editor__item--busy"><Text>{OT.common.uploading}</Text></View>}
      {photos.length + uploading < max && (
        <View className="photo-editor__add" data-testid="add-photo" onClick={() => void add()}>
          <Text className="photo-editor__plus">+</Text>
          <Text className="photo-editor__add-label">{OT.editor.addPhoto}</Text>
        </View>
      )}
    </View>
  );
}
