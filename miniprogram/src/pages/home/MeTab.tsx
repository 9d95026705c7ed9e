import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { Checked } from '@nutui/icons-react-taro';
import { ROLE_LABELS, type Me, type Role } from '@hongyuan/shared';
import { CLIENT, DESK_PAGE, PASSWORD_PAGE } from '../../api/request';
import { hasDeskRole, mobileRolesOf } from '../../session/role';

export interface MeTabProps {
  me: Me;
  activeRole: Role | undefined;
  onSwitchRole: (role: Role) => void;
  onLogout: () => void;
  loggingOut?: boolean;
}

export default function MeTab({ me, activeRole, onSwitchRole, onLogout, loggingOut }: MeTabProps) {
  const mobileRoles = mobileRolesOf(me);
  const showDesk = CLIENT === 'h5' && hasDeskRole(me);

  return (
    <View className="hy-me">
      <View className="hy-me__card">
        <View className="hy-me__avatar">{me.name.slice(-2)}</View>
        <View className="hy-me__who">
          <Text className="hy-me__name">{me.name}</Text>
          <Text className="hy-me__sub">{me.phone}</Text>
        </View>
      </View>

      <Cell.Group title="基本信息">
        <Cell title="姓名" extra={me.name} />
        <Cell title="手机号" extra={me.phone} />
        <Cell title="部门" extra={me.departmentName || '未分配部门'} />
        <Cell title="角色" extra={me.roles.map((r) => ROLE_LABELS[r]).join('、') || '无'} />
      </Cell.Group>

      {mobileRoles.length > 1 ? (
        <Cell.Group title="切换身份" description="你有多个身份，切换后底部的功能随之改变">
          {mobileRoles.map((r) => (
            <Cell
              key={r}
              className={`hy-me__role hy-me__role--${r}${r === activeRole ? ' hy-me__role--active' : ''}`}
              data-role={r}
              title={`以${ROLE_LABELS[r]}身份使用`}
              extra={r === activeRole ? <Checked size={18} color="#2f6bd8" /> : ''}
              clickable
              onClick={() => {
                if (r !== activeRole) onSwitchRole(r);
              }}
            />
          ))}
        </Cell.Group>
      ) : null}

      <Cell.Group title="账号与安全">
        <Cell title="修改密码" clickable extra="›" onClick={() => Taro.navigateTo({ url: PASSWORD_PAGE })} />
        {showDesk ? (
          <Cell
            title="进入电脑工作台"
            description="在电脑浏览器上处理客服、派工、库存等业务"
            clickable
            extra="›"
            onClick={() => Taro.navigateTo({ url: DESK_PAGE })}
          />
        ) : null}
      </Cell.Group>

      <View className="hy-me__logout">
        <Button block type="danger" fill="outline" loading={loggingOut} onClick={onLogout}>
          退出登录
        </Button>
      </View>
    </View>
  );
}
