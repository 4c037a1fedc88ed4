// H5 preview only: choose the WeChat user the local gateway acts as (店主 / 顾客甲 / 顾客乙). In the
// mini-program the user is whoever opened it; this component renders nothing there.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { isH5 } from '../env';
import { PERSONAS, personaByKey, type Persona } from '../personas';
import { useSession } from '../stores/session';
import { T } from '../text';
import './PersonaSwitcher.scss';

interface Props {
  /** After a switch the page reloads its data as the new user (default: reload the page). */
  onSwitched?: (persona: Persona) => void;
}

export function PersonaSwitcher({ onSwitched }: Props) {
  const current = useSession((s) => s.persona);
  const setPersona = useSession((s) => s.setPersona);
  const [open, setOpen] = useState(false);
  if (!isH5()) return null;
  const choose = (p: Persona) => {
    setOpen(false);
    if (p.key === current) return;
    setPersona(p.key);
    if (onSwitched) onSwitched(p);
    else window.location.reload();
  };
  return (
    <View className="persona" data-testid="persona-switcher">
      <View className="persona__current" onClick={() => setOpen(!open)}>
        <Text>{T.persona.title}：{personaByKey(current).label} ▾</Text>
      </View>
      {open && (
        <View className="persona__menu">
          {PERSONAS.map((p) => (
            <View
              key={p.key}
              className={`persona__item ${p.key === current ? 'persona__item--on' : ''}`}
              data-testid={`persona-${p.key}`}
              onClick={() => choose(p)}
            >
              {p.label}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
