/*
 * The hub's explorer page (接口调试): GraphiQL with a bar above it. Runs in the browser as a plain
 * script after React, ReactDOM and GraphiQL (all served by the hub; nothing from the internet).
 * Settings come from the page's <script id="explorer-settings" type="application/json">.
 */
(function () {
  'use strict';

  var h = React.createElement;
  var useState = React.useState;
  var useEffect = React.useEffect;
  var useRef = React.useRef;

  var settings = JSON.parse(document.getElementById('explorer-settings').textContent);
  var wsProtocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  var endpoint = location.protocol + '//' + location.host + settings.endpoint;

  // queries and mutations over HTTP POST; subscriptions over graphql-ws on the same path, the headers
  // (Authorization) sent as connection parameters
  var fetcher = GraphiQL.createFetcher({
    url: endpoint,
    subscriptionUrl: wsProtocol + '//' + location.host + settings.endpoint,
  });

  /** Tokens are refetched when older than this (they are valid 12 h). */
  var TOKEN_MAX_AGE_MS = 6 * 3600 * 1000;

  function headersFor(token) {
    return token ? JSON.stringify({ Authorization: 'Bearer ' + token }, null, 2) : '{}';
  }

  function loadDemoTokens() {
    return fetch(settings.demoTokens, { headers: { accept: 'application/json' } }).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.json();
    });
  }

  function RoleBar(props) {
    var demo = props.demo;
    if (!settings.demoTokens) {
      return h(
        'span',
        { className: 'hub-hint' },
        '令牌：在下方“Headers”中填写 {"Authorization": "Bearer 令牌"}（令牌由平台管理员签发）',
      );
    }
    if (demo.error) {
      return h('span', { className: 'hub-hint hub-error' }, '演示令牌加载失败：' + demo.error);
    }
    if (!demo.tokens) return h('span', { className: 'hub-hint' }, '正在加载演示角色…');
    var buttons = [{ role: 'PUBLIC', label: settings.publicLabel, org: null, orgName: '不带令牌' }]
      .concat(demo.tokens)
      .map(function (t) {
        var active = props.role === t.role;
        return h(
          'button',
          {
            key: t.role,
            type: 'button',
            className: 'hub-role' + (active ? ' hub-role-active' : ''),
            'data-role': t.role,
            'aria-pressed': active ? 'true' : 'false',
            title: t.orgName ? t.orgName + (t.org ? '（' + t.org + '）' : '') : t.role,
            onClick: function () {
              props.onPick(t.role);
            },
          },
          h('span', { className: 'hub-role-label' }, t.label),
          h('span', { className: 'hub-role-code' }, t.role),
        );
      });
    return h(
      'div',
      { className: 'hub-roles', role: 'group', 'aria-label': '角色' },
      h('span', { className: 'hub-roles-title' }, '角色'),
      buttons,
      h('span', { className: 'hub-demo-note' }, '演示模式 · 令牌 ' + (demo.ttl || '12h') + ' 内有效'),
    );
  }

  function App() {
    var roleState = useState('PUBLIC');
    var role = roleState[0];
    var setRole = roleState[1];
    var headersState = useState('{}');
    var headers = headersState[0];
    var setHeaders = headersState[1];
    var demoState = useState({ tokens: null, ttl: null, error: null, at: 0 });
    var demo = demoState[0];
    var setDemo = demoState[1];
    var demoRef = useRef(demo);
    demoRef.current = demo;

    function fetchTokens() {
      return loadDemoTokens().then(
        function (body) {
          var next = { tokens: body.tokens, ttl: body.ttl, error: null, at: Date.now() };
          setDemo(next);
          return next;
        },
        function (e) {
          setDemo({ tokens: null, ttl: null, error: String((e && e.message) || e), at: 0 });
          return null;
        },
      );
    }

    useEffect(function () {
      if (settings.demoTokens) fetchTokens();
    }, []);

    function apply(current, pickedRole) {
      var t = null;
      if (current && current.tokens) {
        for (var i = 0; i < current.tokens.length; i++) {
          if (current.tokens[i].role === pickedRole) t = current.tokens[i];
        }
      }
      setRole(pickedRole);
      setHeaders(headersFor(t ? t.token : null));
    }

    function pick(pickedRole) {
      var current = demoRef.current;
      if (pickedRole !== 'PUBLIC' && Date.now() - current.at > TOKEN_MAX_AGE_MS) {
        fetchTokens().then(function (fresh) {
          apply(fresh, pickedRole);
        });
      } else {
        apply(current, pickedRole);
      }
    }

    return h(
      'div',
      { className: 'hub-explorer' },
      h(
        'header',
        { className: 'hub-bar' },
        h(
          'a',
          { className: 'hub-title', href: '/', title: '返回首页' },
          '监督信息共享平台 · ',
          h('strong', null, '接口调试'),
        ),
        h(RoleBar, { demo: demo, role: role, onPick: pick }),
        h(
          'nav',
          { className: 'hub-links' },
          h('a', { href: '/' }, '首页'),
          h('a', { href: '/schema.graphql' }, '接口定义'),
          h('a', { href: '/permissions.md' }, '权限矩阵'),
        ),
      ),
      h(
        'main',
        { className: 'hub-graphiql' },
        h(
          GraphiQL,
          {
            fetcher: fetcher,
            defaultQuery: settings.defaultQuery,
            headers: headers,
            onEditHeaders: setHeaders,
            // tokens stay in this page: never written to the browser's storage
            shouldPersistHeaders: false,
            isHeadersEditorEnabled: true,
            defaultEditorToolsVisibility: 'headers',
          },
          h(GraphiQL.Logo, null, 'GraphiQL'),
        ),
      ),
    );
  }

  ReactDOM.createRoot(document.getElementById('explorer')).render(h(App));
})();
