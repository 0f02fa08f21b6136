## 每个页面的框架。
skip-to-content = 跳到正文
nav-main = 主菜单
nav-home = 首页
nav-meetings = 会议
nav-register = 成果登记册
nav-instruments = 协议文书
nav-portfolio = 项目组合
nav-studies = 研究
nav-exchanges = 交流
nav-business = 企业合作
nav-impact = 成效
nav-parties = 缔约方
nav-organisations = 机构
nav-people = 人员
nav-activity = 动态
nav-accounts = 账户
nav-deliveries = 提醒邮件
inbox = 收件箱
unread = { $count } 条未读
sign-in = 登录
sign-out = 退出
search = 搜索
language = 语言
language-change = 切换
follow = 关注
following-stop = 已关注 · 取消
alert-settings = 提醒设置
footer = Corridor · 联合工作组秘书处
footer-api = 接口

## 登录。
login-title = 登录
login-username = 用户名
login-password = 密码

## 首页。
home-title = Corridor
home-intro = Corridor 是产业合作联合工作组的秘书处系统：会议、协议、项目及其成效，由双方共享。
home-sign-in-to-see = 登录后可查看本方共享的内容。
home-new = 最新动态
home-nothing-new = 您可查看的内容没有变化。
home-all-activity = 全部动态
home-due = 即将到期
home-nothing-due = 未来 { $count } 天内没有到期事项。
home-directory = 名录
home-parties = { $count } 个缔约方
home-organisations = { $count } 个机构
home-people = { $count } 名人员
home-you-may-see = （您可查看的）

## 搜索。
search-title = 搜索
search-label = 搜索您可查看的所有记录，可使用英文、中文或乌尔都文
search-in = 范围
search-every-area = 全部领域
search-button = 搜索
search-help = 每个词都必须出现；用引号搜索短语，在词前加减号可排除该词。
search-narrowed = 已限定为
search-remove = 取消 { $what }
search-narrow = 缩小结果范围
search-results-label = 结果
search-nothing = 没有您可查看的记录与“{ $query }”匹配。请减少词语、换一种写法或换一种语言。
search-results = 共 { $count } 条结果
search-shown = 显示第 { $from } 至 { $to } 条
search-previous = 上一页
search-next = 下一页
facet-area = 领域
facet-body = 机构
facet-party = 缔约方
facet-status = 状态
facet-year = 年份
area-meetings = 会议与纪要
area-register = 成果登记册
area-instruments = 协议文书
area-portfolio = 项目组合
area-studies = 研究
area-exchanges = 交流与企业合作
area-results = 可衡量的成效
area-directory = 名录

## 各领域共用的列表、记录、表单和历史。
list-add = 新增
list-filter = 筛选
record-edit = 编辑
record-history = 历史记录
record-json = 以 JSON 格式查看此记录
form-cancel = 取消
history-empty = 没有您可查看的变更记录。
history-did = { $action }
history-event = 第 { $seq } 号事件
history-removed = 已删除
error-not-found = 未找到
error-forbidden = 不允许
error-conflict = 已被他人修改
error-too-many = 尝试次数过多
error-request = 无法处理此请求
error-server = 服务器错误
