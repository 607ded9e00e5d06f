<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AddDialog</name>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="97"/>
        <source>Add a model</source>
        <translation>添加模型</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="147"/>
        <source>magnet:?…, a .torrent file or URL, hf://org/name@revision, or a URL</source>
        <translation>magnet:?… 磁力链接、.torrent 文件或网址、hf://组织/名称@版本，或文件网址</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="148"/>
        <source>Open .torrent…</source>
        <translation>打开 .torrent…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="160"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="173"/>
        <source>optional: an HF-compatible mirror for this download, e.g. https://hf-mirror.com</source>
        <translation>可选：本次下载使用的 HF 兼容镜像，例如 https://hf-mirror.com</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="110"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="110"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="114"/>
        <source>Keep seeding when done</source>
        <translation>下载完成后继续做种</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="118"/>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="119"/>
        <source>Project folder:</source>
        <translation>项目文件夹：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="121"/>
        <source>Mirror:</source>
        <translation>镜像：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="123"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="186"/>
        <source>Reading the source…</source>
        <translation>正在读取来源…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="202"/>
        <source>%1: asking peers for the file list… You can download now and choose files later in the Files tab.</source>
        <translation>%1：正在向其他节点索取文件列表… 也可以现在就开始下载，稍后在“文件”标签页中选择文件。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="216"/>
        <source>%1: %2 of %3 files selected, %4</source>
        <translation>%1：已选择 %2/%3 个文件，共 %4</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="242"/>
        <source>Free space: %1</source>
        <translation>可用空间：%1</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="245"/>
        <source>Project folder</source>
        <translation>项目文件夹</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="250"/>
        <source>Open a .torrent</source>
        <translation>打开 .torrent 文件</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="250"/>
        <source>Torrent files (*.torrent)</source>
        <translation>种子文件 (*.torrent)</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../modeldesk/app.py" line="105"/>
        <source>Some saved jobs could not be restarted:</source>
        <translation>部分已保存的任务无法重新开始：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/app.py" line="117"/>
        <source>Saving resume data…</source>
        <translation>正在保存续传数据…</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="77"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="78"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="79"/>
        <source>Peers</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="80"/>
        <source>Trackers</source>
        <translation>Tracker</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="81"/>
        <source>Mirrors</source>
        <translation>镜像</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="82"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="41"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="43"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="45"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="46"/>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
</context>
<context>
    <name>EmptyHint</name>
    <message>
        <location filename="../../modeldesk/ui/empty_hint.py" line="21"/>
        <source>No models yet.

Paste a magnet link, hf://org/name or a file URL with Ctrl+V,
drop a .torrent file or a model folder on this window,
or press Add… on the toolbar.</source>
        <translation>还没有模型。

按 Ctrl+V 粘贴磁力链接、hf://org/name 或文件 URL，
把 .torrent 文件或模型文件夹拖到本窗口，
或点击工具栏上的“添加…”。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../modeldesk/ui/error_dialog.py" line="34"/>
        <source>Something went wrong</source>
        <translation>出现问题</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/error_dialog.py" line="35"/>
        <source>ModelDesk hit an unexpected error and carried on. Your downloads are safe. If this keeps happening, please report it with the details below.</source>
        <translation>ModelDesk 遇到意外错误，但仍在继续运行，你的下载不受影响。如果问题反复出现，请附上下面的详细信息报告给我们。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/bridge.py" line="33"/>
        <source>Choose a mirror in the add dialog&apos;s Mirror field, or add one in Settings → Mirrors.</source>
        <translation>请在添加对话框的“镜像”栏中选择一个镜像，或在“设置 → 镜像”中添加。</translation>
    </message>
</context>
<context>
    <name>FilesTab</name>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="107"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="107"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="107"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="107"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
</context>
<context>
    <name>GeneralTab</name>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="25"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="25"/>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="25"/>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="26"/>
        <source>Project folder:</source>
        <translation>项目文件夹：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="26"/>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="27"/>
        <source>Size:</source>
        <translation>大小：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="27"/>
        <source>Downloaded:</source>
        <translation>已下载：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="28"/>
        <source>Rates:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="28"/>
        <source>Time left:</source>
        <translation>剩余时间：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="29"/>
        <source>Peers / mirrors:</source>
        <translation>节点 / 镜像：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="29"/>
        <source>Uploaded (ratio):</source>
        <translation>已上传（分享率）：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="30"/>
        <source>Problem:</source>
        <translation>问题：</translation>
    </message>
    <message numerus="yes">
        <location filename="../../modeldesk/ui/details.py" line="54"/>
        <source> + %n mirror(s)</source>
        <translation>
            <numerusform> + %n 个镜像</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Health</name>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="29"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="30"/>
        <source>Backing off</source>
        <translation>暂缓重试</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="31"/>
        <source>Given up</source>
        <translation>已放弃</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="32"/>
        <source>Sent bad data</source>
        <translation>发送了错误数据</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="33"/>
        <source>No ranges</source>
        <translation>不支持分段</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="34"/>
        <source>Refused</source>
        <translation>拒绝提供</translation>
    </message>
</context>
<context>
    <name>JobActions</name>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="39"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="40"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="41"/>
        <source>Remove…</source>
        <translation>移除…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="42"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="43"/>
        <source>Copy source</source>
        <translation>复制来源</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="44"/>
        <source>Copy magnet link</source>
        <translation>复制磁力链接</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="45"/>
        <source>Recheck</source>
        <translation>重新校验</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="46"/>
        <source>Move to…</source>
        <translation>移动到…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="47"/>
        <source>Speed limits…</source>
        <translation>限速…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="57"/>
        <source>ModelDesk</source>
        <translation>ModelDesk</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="75"/>
        <location filename="../../modeldesk/ui/job_actions.py" line="130"/>
        <source>%1 jobs</source>
        <translation>%1 个任务</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="76"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="77"/>
        <source>Remove %1 from ModelDesk?</source>
        <translation>要从 ModelDesk 中移除 %1 吗？</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="78"/>
        <source>Remove, keep files</source>
        <translation>移除，保留文件</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="79"/>
        <source>Remove and delete files</source>
        <translation>移除并删除文件</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="109"/>
        <source>The magnet link is not known yet; try again in a moment.</source>
        <translation>磁力链接尚未获取，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="115"/>
        <source>Move to project folder</source>
        <translation>移动到项目文件夹</translation>
    </message>
</context>
<context>
    <name>Kind</name>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="25"/>
        <source>BitTorrent</source>
        <translation>BitTorrent</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="27"/>
        <source>Hub</source>
        <translation>模型库</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="28"/>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
</context>
<context>
    <name>LimitsDialog</name>
    <message>
        <location filename="../../modeldesk/ui/limits_dialog.py" line="13"/>
        <source>Speed limits</source>
        <translation>限速</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/limits_dialog.py" line="20"/>
        <source>Download limit:</source>
        <translation>下载限速：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/limits_dialog.py" line="22"/>
        <source>Upload limit:</source>
        <translation>上传限速：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/limits_dialog.py" line="23"/>
        <source>The limits in Settings still apply to all jobs together.</source>
        <translation>设置中的全局限速仍对所有任务合计生效。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/limits_dialog.py" line="35"/>
        <source>unlimited</source>
        <translation>不限</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="77"/>
        <source>Filter by name</source>
        <translation>按名称筛选</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="136"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="140"/>
        <source>Add from clipboard</source>
        <translation>从剪贴板添加</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="141"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="143"/>
        <source>Close window</source>
        <translation>关闭窗口</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="144"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="145"/>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="168"/>
        <source>Alternative speed limits</source>
        <translation>备用限速</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="435"/>
        <source>Set the alternative limits in Settings first.</source>
        <translation>请先在设置中设定备用限速。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="192"/>
        <source>Port %1</source>
        <translation>端口 %1</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="138"/>
        <source>Publish…</source>
        <translation>发布…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="139"/>
        <source>Share a model folder, or the selected finished download, as a torrent</source>
        <translation>将模型文件夹或选中的已完成下载作为种子分享</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="226"/>
        <source>Download complete</source>
        <translation>下载完成</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="227"/>
        <source>%1 is complete and verified.</source>
        <translation>%1 已下载完成并通过校验。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="233"/>
        <source>Download failed</source>
        <translation>下载失败</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="243"/>
        <source>DHT: %1 nodes</source>
        <translation>DHT：%1 个节点</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="244"/>
        <source>DHT: off</source>
        <translation>DHT：已关闭</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="253"/>
        <source>a copy-on-write clone</source>
        <translation>写时复制克隆</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="253"/>
        <source>a read-only hard link</source>
        <translation>只读硬链接</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="254"/>
        <source>a copy</source>
        <translation>副本</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="255"/>
        <source>%1 was already in the library: placed as %2, not downloaded again.</source>
        <translation>%1 已在库中：以%2方式放置，未重新下载。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="259"/>
        <source>ModelDesk</source>
        <translation>ModelDesk</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="281"/>
        <location filename="../../modeldesk/ui/main_window.py" line="433"/>
        <source>↓ %1   ↑ %2</source>
        <translation>↓ %1   ↑ %2</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="290"/>
        <source>Free in %1: %2</source>
        <translation>%1 可用：%2</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="486"/>
        <source>ModelDesk keeps seeding</source>
        <translation>ModelDesk 仍在做种</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="487"/>
        <source>ModelDesk is still running in the tray and keeps sharing your models. Use Quit in the tray menu to stop it.</source>
        <translation>ModelDesk 仍在系统托盘中运行，并继续分享你的模型。要停止，请在托盘菜单中选择“退出”。</translation>
    </message>
</context>
<context>
    <name>MirrorTest</name>
    <message>
        <location filename="../../modeldesk/ui/mirror_test.py" line="25"/>
        <source>A repository (or file URL) every mirror should have; its biggest file is timed on each.</source>
        <translation>每个镜像都应有的仓库（或文件网址）；在每个镜像上对其中最大的文件计时。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/mirror_test.py" line="27"/>
        <source>Test mirrors</source>
        <translation>测试镜像</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/mirror_test.py" line="32"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/mirror_test.py" line="32"/>
        <source>Mirror</source>
        <translation>镜像</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/mirror_test.py" line="32"/>
        <source>First byte</source>
        <translation>首字节</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/mirror_test.py" line="33"/>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/mirror_test.py" line="33"/>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/mirror_test.py" line="56"/>
        <source>Timing each mirror on %1…</source>
        <translation>正在用 %1 为每个镜像计时…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/mirror_test.py" line="67"/>
        <source>Timed on %1.</source>
        <translation>已用 %1 计时。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/mirror_test.py" line="71"/>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/mirror_test.py" line="72"/>
        <source>ok, one stream only (no ranges)</source>
        <translation>正常，仅单连接（不支持分段）</translation>
    </message>
</context>
<context>
    <name>MirrorsTab</name>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="240"/>
        <source>Mirror</source>
        <translation>镜像</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="240"/>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="240"/>
        <source>Speed per connection</source>
        <translation>单连接速度</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="241"/>
        <source>Served</source>
        <translation>已提供</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="241"/>
        <source>Connections</source>
        <translation>连接数</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="241"/>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
</context>
<context>
    <name>PeersTab</name>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="217"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="217"/>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="217"/>
        <source>Flags</source>
        <translation>标志</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="217"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="218"/>
        <source>Down</source>
        <translation>下载速度</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="218"/>
        <source>Up</source>
        <translation>上传速度</translation>
    </message>
</context>
<context>
    <name>Priority</name>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="19"/>
        <source>Do not download</source>
        <translation>不下载</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="21"/>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="23"/>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="24"/>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="175"/>
        <source>Mixed</source>
        <translation>混合</translation>
    </message>
</context>
<context>
    <name>ProxyForm</name>
    <message>
        <location filename="../../modeldesk/ui/proxy_form.py" line="14"/>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/proxy_form.py" line="17"/>
        <source>System settings (HTTP_PROXY for downloads)</source>
        <translation>跟随系统（下载使用 HTTP_PROXY）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/proxy_form.py" line="17"/>
        <source>No proxy</source>
        <translation>不使用代理</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/proxy_form.py" line="18"/>
        <source>HTTP proxy</source>
        <translation>HTTP 代理</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/proxy_form.py" line="18"/>
        <source>SOCKS5 proxy</source>
        <translation>SOCKS5 代理</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/proxy_form.py" line="28"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/proxy_form.py" line="31"/>
        <source>kept in the system keyring; type to change</source>
        <translation>保存在系统密钥环中；输入新密码即可更改</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/proxy_form.py" line="32"/>
        <source>Use the proxy for BitTorrent peers and trackers too</source>
        <translation>BitTorrent 节点和 Tracker 也通过代理连接</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/proxy_form.py" line="34"/>
        <source>Let the proxy look up host names</source>
        <translation>由代理解析主机名</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/proxy_form.py" line="37"/>
        <source>Through a proxy, other peers cannot connect to you:
seeding reaches only the peers you connect to.</source>
        <translation>通过代理时，其他节点无法主动连接你：
做种只能传给你主动连接的节点。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/proxy_form.py" line="40"/>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/proxy_form.py" line="41"/>
        <source>Host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/proxy_form.py" line="42"/>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/proxy_form.py" line="43"/>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/proxy_form.py" line="44"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="51"/>
        <source>Publish as torrent</source>
        <translation>发布为种子</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="61"/>
        <source>Hashing… %p%</source>
        <translation>正在计算哈希… %p%</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="73"/>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="84"/>
        <source>A model folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="85"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="87"/>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="90"/>
        <source>Mirrors that serve these files. For a model downloaded from a hub, an HF-compatible endpoint; otherwise the URL of the folder.</source>
        <translation>提供这些文件的镜像。对于从模型中心下载的模型，填写兼容 HF 的端点；否则填写该文件夹的 URL。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="93"/>
        <source>Web seeds, one per line:</source>
        <translation>Web 种子（每行一个）：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="97"/>
        <source>Trackers, one per line:</source>
        <translation>Tracker（每行一个）：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="99"/>
        <source>Comment:</source>
        <translation>注释：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="100"/>
        <source>Private (peers from the trackers only: no DHT, LAN discovery or PEX)</source>
        <translation>私有（仅从 Tracker 获取节点：不使用 DHT、局域网发现或 PEX）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="101"/>
        <source>BitTorrent v1 only (for Transmission 3 and other clients without v2)</source>
        <translation>仅 BitTorrent v1（供 Transmission 3 等不支持 v2 的客户端使用）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="102"/>
        <source>Seed it now</source>
        <translation>立即做种</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="107"/>
        <source>Beside the model folder</source>
        <translation>模型文件夹旁</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="108"/>
        <source>Save the .torrent to:</source>
        <translation>.torrent 保存到：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="112"/>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="119"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="121"/>
        <source>Magnet link:</source>
        <translation>磁力链接：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="124"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="126"/>
        <source>.torrent file:</source>
        <translation>.torrent 文件：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="130"/>
        <source>Model folder to publish</source>
        <translation>要发布的模型文件夹</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="142"/>
        <source>Choose the model folder to publish.</source>
        <translation>请选择要发布的模型文件夹。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="169"/>
        <source>%1: %2 files, %3.</source>
        <translation>%1：%2 个文件，%3。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="171"/>
        <source>It is being seeded.</source>
        <translation>正在做种。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="176"/>
        <source>Publish again</source>
        <translation>再次发布</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="184"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="55"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="57"/>
        <source>unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="79"/>
        <source>UPnP</source>
        <translation>UPnP</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="79"/>
        <source>NAT-PMP</source>
        <translation>NAT-PMP</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="80"/>
        <source>DHT (find peers without a tracker)</source>
        <translation>DHT（无需 Tracker 即可发现节点）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="81"/>
        <source>Local peer discovery (campus and LAN swarms)</source>
        <translation>本地节点发现（校园网和局域网）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="82"/>
        <source>Peer exchange</source>
        <translation>节点交换 (PEX)</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="87"/>
        <source>Prefer encryption</source>
        <translation>优先加密</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="87"/>
        <source>Require encryption</source>
        <translation>强制加密</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="88"/>
        <source>No encryption</source>
        <translation>不加密</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="91"/>
        <source>Listening port:</source>
        <translation>监听端口：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="94"/>
        <source>Encryption:</source>
        <translation>加密：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="59"/>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="106"/>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="112"/>
        <source>Cap upload at %1% of my uplink</source>
        <translation>将上传限制为上行带宽的 %1%</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="114"/>
        <source>Download limit:</source>
        <translation>下载限速：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="115"/>
        <source>Upload limit:</source>
        <translation>上传限速：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="116"/>
        <source>My uplink:</source>
        <translation>我的上行带宽：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="118"/>
        <source>Alternative download limit:</source>
        <translation>备用下载限速：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="119"/>
        <source>Alternative upload limit:</source>
        <translation>备用上传限速：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="60"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="127"/>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="129"/>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="129"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="131"/>
        <source>Stop seeding at ratio:</source>
        <translation>分享率达到后停止做种：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="132"/>
        <source>Stop seeding after:</source>
        <translation>做种时长达到后停止：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="61"/>
        <source>Seeding</source>
        <translation>做种</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="140"/>
        <source>Use the official Hugging Face hub</source>
        <translation>使用 Hugging Face 官方站点</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="144"/>
        <source>Connections per mirror:</source>
        <translation>每个镜像的连接数：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="146"/>
        <source>Hub mirrors, one per line:</source>
        <translation>镜像站点（每行一个）：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="148"/>
        <source>Test with:</source>
        <translation>测试用：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="62"/>
        <source>Mirrors</source>
        <translation>镜像</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="64"/>
        <source>Tokens</source>
        <translation>令牌</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="156"/>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="159"/>
        <source>Start minimised to the tray</source>
        <translation>启动时最小化到托盘</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="162"/>
        <source>Clone if the disk can, else hard link, else copy</source>
        <translation>磁盘支持时克隆，否则硬链接，再否则复制</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="163"/>
        <source>Clone (copy-on-write) only</source>
        <translation>仅克隆（写时复制）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="164"/>
        <source>Hard link, made read-only</source>
        <translation>硬链接（设为只读）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="165"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="168"/>
        <source>How a file the library already holds is put into another project folder instead of being downloaded again.</source>
        <translation>库中已有的文件如何放入另一个项目文件夹，而不是重新下载。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="170"/>
        <source>Default project folder:</source>
        <translation>默认项目文件夹：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="171"/>
        <source>Files the library already holds:</source>
        <translation>库中已有的文件：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="172"/>
        <source>Language (after a restart):</source>
        <translation>语言（重启后生效）：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="65"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
</context>
<context>
    <name>SideFilters</name>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="34"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="35"/>
        <source>Project folders</source>
        <translation>项目文件夹</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="61"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="61"/>
        <source>Downloading</source>
        <translation>下载中</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="62"/>
        <source>Seeding</source>
        <translation>做种中</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="62"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="63"/>
        <source>Errored</source>
        <translation>出错</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="73"/>
        <source>Every folder</source>
        <translation>所有文件夹</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="109"/>
        <source>%1 cannot be checked: %2</source>
        <translation>无法检查 %1：%2</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="112"/>
        <source>Matches %1 (%2 files)</source>
        <translation>与 %1 一致（%2 个文件）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="116"/>
        <source>Does not match %1: %2 missing, %3 differ</source>
        <translation>与 %1 不一致：缺少 %2 个，%3 个不同</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="118"/>
        <source>Run `modeldesk sync` in the project to repair it.</source>
        <translation>在项目中运行 `modeldesk sync` 以修复。</translation>
    </message>
</context>
<context>
    <name>SpeedGraph</name>
    <message>
        <location filename="../../modeldesk/ui/speed_graph.py" line="62"/>
        <source>%1 (mirrors %2)</source>
        <translation>%1（镜像 %2）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/speed_graph.py" line="63"/>
        <source>Down %1   Up %2   (peak %3, last 5 minutes)</source>
        <translation>下载 %1   上传 %2   （峰值 %3，最近 5 分钟）</translation>
    </message>
</context>
<context>
    <name>State</name>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="12"/>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="13"/>
        <source>Fetching metadata</source>
        <translation>获取元数据</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="14"/>
        <source>Checking</source>
        <translation>校验中</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="15"/>
        <source>Downloading</source>
        <translation>下载中</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="16"/>
        <source>Seeding</source>
        <translation>做种中</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="17"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="18"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="19"/>
        <source>Error</source>
        <translation>出错</translation>
    </message>
</context>
<context>
    <name>ThanksBoard</name>
    <message>
        <location filename="../../modeldesk/ui/thanks_board.py" line="15"/>
        <source>Thanks board</source>
        <translation>感谢榜</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/thanks_board.py" line="18"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/thanks_board.py" line="18"/>
        <source>Uploaded</source>
        <translation>已上传</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/thanks_board.py" line="18"/>
        <source>Ratio</source>
        <translation>分享率</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/thanks_board.py" line="19"/>
        <source>Peers served</source>
        <translation>服务过的节点</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/thanks_board.py" line="39"/>
        <source>Your models reached %1 peers. Thank you for sharing.</source>
        <translation>你的模型已帮助 %1 个节点。感谢分享！</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/thanks_board.py" line="41"/>
        <source>Nothing uploaded yet. Models you keep seeding will show up here.</source>
        <translation>还没有上传。你持续做种的模型会显示在这里。</translation>
    </message>
</context>
<context>
    <name>TokensTab</name>
    <message>
        <location filename="../../modeldesk/ui/tokens_tab.py" line="17"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/tokens_tab.py" line="17"/>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/tokens_tab.py" line="25"/>
        <source>Save token</source>
        <translation>保存令牌</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/tokens_tab.py" line="27"/>
        <source>Remove selected</source>
        <translation>移除所选</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/tokens_tab.py" line="29"/>
        <source>A token is sent only to its host, never to other mirrors or after a redirect. Tokens are kept in the system keyring.</source>
        <translation>令牌只会发送给它对应的主机，不会发送给其他镜像，也不会在重定向后发送。令牌保存在系统密钥环中。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/tokens_tab.py" line="33"/>
        <source>Host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/tokens_tab.py" line="34"/>
        <source>Token:</source>
        <translation>令牌：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/tokens_tab.py" line="54"/>
        <source>(missing)</source>
        <translation>（缺失）</translation>
    </message>
</context>
<context>
    <name>Tracker</name>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="41"/>
        <source>Working</source>
        <translation>工作中</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="42"/>
        <source>Updating…</source>
        <translation>更新中…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="43"/>
        <source>Not contacted yet</source>
        <translation>尚未联系</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="44"/>
        <source>Not working</source>
        <translation>未工作</translation>
    </message>
</context>
<context>
    <name>TrackersTab</name>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="229"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="229"/>
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="229"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="229"/>
        <source>Peers</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/detail_tabs.py" line="230"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>TransferModel</name>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="98"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="98"/>
        <source>Project folder</source>
        <translation>项目文件夹</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="98"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="99"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="99"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="99"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="100"/>
        <source>Down</source>
        <translation>下载速度</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="100"/>
        <source>Up</source>
        <translation>上传速度</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="100"/>
        <source>ETA</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="101"/>
        <source>Peers / mirrors</source>
        <translation>节点 / 镜像</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="101"/>
        <source>Ratio</source>
        <translation>分享率</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="101"/>
        <source>Uploaded</source>
        <translation>已上传</translation>
    </message>
    <message numerus="yes">
        <location filename="../../modeldesk/ui/transfer_model.py" line="145"/>
        <source> + %n mirror(s)</source>
        <translation>
            <numerusform> + %n 个镜像</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../modeldesk/ui/tray.py" line="27"/>
        <source>Show / hide ModelDesk</source>
        <translation>显示 / 隐藏 ModelDesk</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/tray.py" line="29"/>
        <source>Pause all</source>
        <translation>全部暂停</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/tray.py" line="30"/>
        <source>Resume all</source>
        <translation>全部继续</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/tray.py" line="31"/>
        <source>Alternative speed limits</source>
        <translation>备用限速</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/tray.py" line="34"/>
        <source>Thanks board…</source>
        <translation>感谢榜…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/tray.py" line="36"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/tray.py" line="70"/>
        <source>ModelDesk
↓ %1  ↑ %2
%3 downloading, %4 seeding</source>
        <translation>ModelDesk
↓ %1  ↑ %2
%3 个下载中，%4 个做种中</translation>
    </message>
</context>
</TS>
