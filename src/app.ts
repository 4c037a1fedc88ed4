// The app shell: Taro renders the current page as `children`. At launch the app starts listening for
// WeChat's privacy requests, so the first private API call shows our sheet (src/privacy/).
import type { PropsWithChildren } from 'react';
import { listenForPrivacyRequests } from './privacy/privacy';
import './app.scss';

listenForPrivacyRequests();

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
