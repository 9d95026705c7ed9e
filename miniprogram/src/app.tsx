import { type PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import { useLaunch } from '@tarojs/taro';
import { configure as configureIcons } from '@nutui/icons-react-taro';
// The NutUI stylesheet, once for the whole app.
import '@nutui/nutui-react-taro/dist/style.css';
import './app.scss';

// NutUI's SVG icons render as <i>, which mini-programs do not have: use a View there.
// (typed as a tag name, but it is passed to React.createElement, so a component works.)
if (process.env.TARO_ENV !== 'h5') configureIcons({ tag: View as unknown as string });

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Pages check the session themselves (pages/home sends anyone logged out to pages/login).
  });
  return children;
}

export default App;
