<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../../modeldesk/core/sources/adds.py" line="84"/>
        <source>The URL {url}</source>
        <translation>网址 {url}</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/sources/adds.py" line="87"/>
        <source>{what} names no file.</source>
        <translation>{what} 没有指明文件。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/sources/adds.py" line="97"/>
        <source>{text!r} is not a sha256 (64 hex digits).</source>
        <translation>{text!r} 不是 sha256（应为 64 位十六进制数字）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/sources/adds.py" line="144"/>
        <source>The library has no metadata for {name}; add it again from its source.</source>
        <translation>库中没有 {name} 的元数据；请从原来源重新添加。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/client.py" line="63"/>
        <source>{url} is larger than {max_bytes} bytes; it is not a .torrent file.</source>
        <translation>{url} 超过 {max_bytes} 字节，不是 .torrent 文件。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/client.py" line="68"/>
        <source>Could not fetch {url}: {kind}. Check the link and your network.</source>
        <translation>无法获取 {url}：{kind}。请检查链接和网络。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/client.py" line="80"/>
        <source>{url} did not answer ({kind}).</source>
        <translation>{url} 没有响应（{kind}）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/part_file.py" line="32"/>
        <source>Cannot create the folder {folder}: the file {blocker} is in the way. Move or rename it, or pick another project folder; it was left as it is.</source>
        <translation>无法创建文件夹 {folder}：文件 {blocker} 挡在那里。请移动或重命名它，或选择另一个项目文件夹；该文件保持原样。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/part_file.py" line="36"/>
        <source>Cannot create the folder {folder}: {reason}.</source>
        <translation>无法创建文件夹 {folder}：{reason}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/part_file.py" line="49"/>
        <source>{part} is a link; it was left alone and nothing was written through it. Remove it, then try again.</source>
        <translation>{part} 是一个链接；未动它，也没有经由它写入任何内容。请删除它后重试。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/part_file.py" line="70"/>
        <source>No space left while writing {part}. Free some space, then try again; finished bytes are kept.</source>
        <translation>写入 {part} 时磁盘已满。请释放空间后重试；已下载的数据会保留。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/part_file.py" line="72"/>
        <source>Writing {part} failed: {reason}. Fix the folder, then try again; finished bytes are kept.</source>
        <translation>写入 {part} 失败：{reason}。请修复该文件夹后重试；已下载的数据会保留。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/part_file.py" line="63"/>
        <source>Not enough free space in {parent}: {name} needs {need} more, only {free} is free.</source>
        <translation>{parent} 空间不足：{name} 还需要 {need}，只剩 {free}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/downloader.py" line="250"/>
        <location filename="../../modeldesk/core/http/file_pool.py" line="66"/>
        <source>interrupted; finished bytes are kept for the next run</source>
        <translation>已中断；已下载的数据会保留到下次运行</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/downloader.py" line="391"/>
        <source>{name}: size on disk differs from {size}.</source>
        <translation>{name}：磁盘上的大小与 {size} 不符。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/downloader.py" line="407"/>
        <source>{name}: the downloaded bytes do not match the published sha256 {sha}…; the bad copy was deleted. A mirror is serving a different or corrupt file; try again, or another mirror.</source>
        <translation>{name}：下载的数据与公布的 sha256 {sha}… 不符，错误的副本已删除。某个镜像提供了不同或损坏的文件；请重试，或换一个镜像。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/engine.py" line="214"/>
        <location filename="../../modeldesk/core/http/engine.py" line="266"/>
        <location filename="../../modeldesk/core/http/engine.py" line="323"/>
        <source>No HTTP job {job_id}.</source>
        <translation>没有 HTTP 任务 {job_id}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/engine.py" line="221"/>
        <location filename="../../modeldesk/core/torrent/engine.py" line="194"/>
        <source>The engine is shutting down.</source>
        <translation>引擎正在关闭。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/engine.py" line="224"/>
        <location filename="../../modeldesk/core/torrent/engine.py" line="292"/>
        <source>{name} is already being downloaded.</source>
        <translation>{name} 已在下载中。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/engine.py" line="263"/>
        <source>{name} is being moved to another folder; pick its files when the move has ended.</source>
        <translation>{name} 正在移动到另一个文件夹；请在移动结束后再选择文件。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/engine.py" line="268"/>
        <source>{name} is a single file: there are no other files to pick.</source>
        <translation>{name} 只有一个文件：没有其他文件可选。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/engine.py" line="275"/>
        <source>Keep at least one file of {name}; to stop it, pause or remove it.</source>
        <translation>{name} 至少要保留一个文件；要停止它，请暂停或删除该任务。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/engine.py" line="330"/>
        <location filename="../../modeldesk/core/torrent/placement.py" line="37"/>
        <source>{name} is already being moved.</source>
        <translation>{name} 已在移动中。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/engine.py" line="368"/>
        <source>{name} is being moved to another folder; remove it when the move has ended.</source>
        <translation>{name} 正在移动到另一个文件夹；请在移动结束后再删除。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/engine.py" line="458"/>
        <source>{name}: unexpected error ({exc}).</source>
        <translation>{name}：意外错误（{exc}）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/hf_api.py" line="27"/>
        <source>{text!r} does not name a repository (expected org/name or datasets/org/name).</source>
        <translation>{text!r} 不是仓库名（应为 org/name 或 datasets/org/name）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/hf_api.py" line="63"/>
        <source>{text!r}: write hf://org/name, hf://org/name@revision or hf://datasets/org/name.</source>
        <translation>{text!r}：请写成 hf://org/name、hf://org/name@revision 或 hf://datasets/org/name。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/hf_api.py" line="70"/>
        <source>{text!r} is a Space (an app), not a model or dataset repository.</source>
        <translation>{text!r} 是一个 Space（应用），不是模型或数据集仓库。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/hf_api.py" line="80"/>
        <source>{text!r} names no file (…/{form}/REVISION/path/to/file).</source>
        <translation>{text!r} 没有指明文件（应为 …/{form}/REVISION/path/to/file）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/hf_api.py" line="83"/>
        <source>{text!r} is not a repository URL (…/org/name, …/org/name/tree/REV, …/org/name/blob/REV/file).</source>
        <translation>{text!r} 不是仓库网址（应为 …/org/name、…/org/name/tree/REV 或 …/org/name/blob/REV/file）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/hub.py" line="47"/>
        <source>HF_HUB_OFFLINE is set, so no hub is asked about {repo_id}. Unset it to download; a folder that already holds the repo is used as it is.</source>
        <translation>已设置 HF_HUB_OFFLINE，因此不会向任何 Hub 查询 {repo_id}。要下载请取消该设置；已包含该仓库的文件夹会直接使用。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/hub.py" line="71"/>
        <source>{ep}: {kind}</source>
        <translation>{ep}：{kind}</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/hub.py" line="80"/>
        <source>No hub endpoint answered for {repo_id} ({problems}). Check the network, or add a mirror.{proxy_hint}</source>
        <translation>没有 Hub 端点回应 {repo_id}（{problems}）。请检查网络，或添加一个镜像。{proxy_hint}</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/hf_api.py" line="95"/>
        <location filename="../../modeldesk/core/http/ms_api.py" line="104"/>
        <location filename="../../modeldesk/core/http/ms_api.py" line="107"/>
        <source>The hub gave no commit for {ref}.</source>
        <translation>Hub 没有给出 {ref} 的提交。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/hf_api.py" line="105"/>
        <location filename="../../modeldesk/core/http/ms_api.py" line="139"/>
        <source>{what} sent a malformed file listing (an entry is not a file with a text path and a whole-number size). Try another mirror.</source>
        <translation>{what} 返回的文件列表格式错误（有条目不是带文本路径和整数大小的文件）。请换一个镜像。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/hf_api.py" line="114"/>
        <location filename="../../modeldesk/core/http/ms_api.py" line="126"/>
        <source>The repository {repo_id}</source>
        <translation>仓库 {repo_id}</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/hf_api.py" line="118"/>
        <location filename="../../modeldesk/core/http/ms_api.py" line="131"/>
        <source>{what} sent a malformed file listing (not a list of entries). Try another mirror.</source>
        <translation>{what} 返回的文件列表格式错误（不是条目列表）。请换一个镜像。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/runtime/hub_offline.py" line="21"/>
        <source>HF_HUB_OFFLINE is set and {project} holds no copy of {repo_id} that ModelDesk knows. Unset HF_HUB_OFFLINE to download it, or `modeldesk import` a copy first.</source>
        <translation>已设置 HF_HUB_OFFLINE，而 {project} 中没有 ModelDesk 认得的 {repo_id} 副本。请取消 HF_HUB_OFFLINE 以下载，或先用 `modeldesk import` 导入一份副本。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/runtime/hub_offline.py" line="27"/>
        <source>HF_HUB_OFFLINE is set and {manifest} names no commit of {repo_id}.</source>
        <translation>已设置 HF_HUB_OFFLINE，而 {manifest} 没有记录 {repo_id} 的提交。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/runtime/hub_offline.py" line="30"/>
        <source>HF_HUB_OFFLINE is set and {project} holds {repo_id} at {commit}, not at {revision}.</source>
        <translation>已设置 HF_HUB_OFFLINE，而 {project} 中的 {repo_id} 是 {commit} 版本，不是 {revision}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/runtime/hub_offline.py" line="38"/>
        <source>HF_HUB_OFFLINE is set and {missing_count} selected file(s) of {repo_id} are not on disk in {project}: {shown}. Unset HF_HUB_OFFLINE to fetch them.</source>
        <translation>已设置 HF_HUB_OFFLINE，而 {repo_id} 有 {missing_count} 个选中的文件不在 {project} 中：{shown}。请取消 HF_HUB_OFFLINE 以获取它们。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/runtime/hub_offline.py" line="42"/>
        <source>HF_HUB_OFFLINE is set and the copy of {repo_id} in {project} has none of the selected files.</source>
        <translation>已设置 HF_HUB_OFFLINE，而 {project} 中的 {repo_id} 副本没有任何选中的文件。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/hub_plan.py" line="66"/>
        <source>No hub endpoint to ask: add a mirror, or turn the official hub back on.</source>
        <translation>没有可查询的 Hub 端点：请添加一个镜像，或重新启用官方 Hub。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/hub_plan.py" line="124"/>
        <source>Your --include/--exclude patterns match none of the {listed_count} files of {repo_id}.</source>
        <translation>你的 --include/--exclude 规则没有匹配 {repo_id} 的 {listed_count} 个文件中的任何一个。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/runtime/http_jobs.py" line="74"/>
        <source>{name} is complete and checked in its folder, but its manifest could not be written: {error}</source>
        <translation>{name} 已在其文件夹中下载完成并校验通过，但无法写入它的清单：{error}</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/runtime/http_jobs.py" line="89"/>
        <source>{name} is complete in its folder, but it could not be put into the {hub} cache {cache}: {error}</source>
        <translation>{name} 已在其文件夹中下载完成，但未能放入 {hub} 缓存 {cache}：{error}</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/runtime/http_jobs.py" line="212"/>
        <source>{name} is already being downloaded here.</source>
        <translation>{name} 已在此处下载中。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/runtime/http_jobs.py" line="225"/>
        <source>{project} already holds {other}; {repo} would overwrite its {shown}. Give each repo a folder of its own, e.g. {subfolder}.</source>
        <translation>{project} 中已有 {other}；{repo} 会覆盖其中的 {shown}。请为每个仓库使用单独的文件夹，例如 {subfolder}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/preallocate.py" line="56"/>
        <source>No space left for {name}.</source>
        <translation>没有足够空间存放 {name}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/preallocate.py" line="58"/>
        <source>The file system holding {where} cannot store a file of {size} ({name}); FAT32 stops at 4 GiB. Pick a project folder on another drive, or reformat this one as exFAT, NTFS or ext4.</source>
        <translation>{where} 所在的文件系统无法存放 {size} 的文件（{name}）；FAT32 上限为 4 GiB。请选择另一个磁盘上的项目文件夹，或将此磁盘重新格式化为 exFAT、NTFS 或 ext4。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/status.py" line="59"/>
        <source>{what} is gated or private on {where}: accept its licence on its page and set a token for that host.</source>
        <translation>{what} 在 {where} 上受限或为私有：请在其页面上接受许可协议，并为该主机设置令牌。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/status.py" line="62"/>
        <source>{what} was not found on {where} (or it is private and needs a token). Check the name.</source>
        <translation>在 {where} 上找不到 {what}（或它是私有的，需要令牌）。请检查名称。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/status.py" line="65"/>
        <source>{what} has no revision {revision!r} on {where}.</source>
        <translation>{what} 在 {where} 上没有版本 {revision!r}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/status.py" line="68"/>
        <source>{what}: not found on {where} ({problem}). Check the link.</source>
        <translation>{what}：在 {where} 上找不到（{problem}）。请检查链接。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/status.py" line="70"/>
        <source>{what}: {where} answered {problem}. Try again later.</source>
        <translation>{what}：{where} 返回 {problem}。请稍后重试。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/status.py" line="84"/>
        <source>{name}: access denied by every mirror ({detail}). The file is gated or private: accept its licence on its page, or set a token.</source>
        <translation>{name}：所有镜像都拒绝访问（{detail}）。该文件受限或为私有：请在其页面上接受许可协议，或设置令牌。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/status.py" line="88"/>
        <source>{name}: the hub stores this file with Xet, and no mirror here serves it as a plain download ({detail}). Add a mirror that passes Xet files on (the official hub does), or leave the file out with --exclude.</source>
        <translation>{name}：Hub 用 Xet 存储此文件，而这里没有镜像能以普通下载方式提供它（{detail}）。请添加一个能转发 Xet 文件的镜像（官方 Hub 可以），或用 --exclude 排除该文件。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/status.py" line="92"/>
        <source>{name}: not found on any mirror ({detail}). Check the URL.</source>
        <translation>{name}：所有镜像上都找不到（{detail}）。请检查网址。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/status.py" line="94"/>
        <source>{name}: no mirror could serve it ({detail}). Try again later; finished bytes are kept.{proxy_hint}</source>
        <translation>{name}：没有镜像能提供它（{detail}）。请稍后重试；已下载的数据会保留。{proxy_hint}</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/sources/intake.py" line="74"/>
        <source>Nothing to add: paste a magnet link, a .torrent, an hf:// repo or a URL.</source>
        <translation>没有可添加的内容：请粘贴磁力链接、.torrent、hf:// 仓库或网址。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/library/manifest.py" line="66"/>
        <source>{manifest} is damaged ({exc}); it was not used. Download the model again to rewrite it.</source>
        <translation>{manifest} 已损坏（{exc}），未被使用。请重新下载该模型以重写它。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/library/owner.py" line="55"/>
        <source>Another ModelDesk ({holder}) is using the library in {parent}. Wait for it to end or stop it, then run this again; to add a model to the running app instead, run `modeldesk SOURCE`, which hands it over.</source>
        <translation>另一个 ModelDesk（{holder}）正在使用 {parent} 中的库。请等它结束或停止它，然后再运行；若要把模型加到正在运行的程序中，请运行 `modeldesk SOURCE`，它会把任务转交过去。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/lockfile.py" line="67"/>
        <source>{what} is not a usable lock: {why}. Write it again with `modeldesk lock`.</source>
        <translation>{what} 不是可用的锁文件：{why}。请用 `modeldesk lock` 重新生成。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/lockfile.py" line="76"/>
        <source>{key} = {value} is not valid</source>
        <translation>{key} = {value} 无效</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/lockfile.py" line="83"/>
        <source>{key} must be a list of {prefixes} addresses</source>
        <translation>{key} 必须是 {prefixes} 地址的列表</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/lockfile.py" line="90"/>
        <source>a [[model.file]] entry is not a table</source>
        <translation>有一个 [[model.file]] 条目不是表</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/lockfile.py" line="94"/>
        <source>the size of {path!r} is not a byte count</source>
        <translation>{path!r} 的大小不是字节数</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/lockfile.py" line="103"/>
        <source>a [[model]] entry is not a table</source>
        <translation>有一个 [[model]] 条目不是表</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/lockfile.py" line="111"/>
        <source>the model {name!r} lists no file</source>
        <translation>模型 {name!r} 没有列出任何文件</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/lockfile.py" line="122"/>
        <source>the model {name!r} names a repo without a commit, or a commit without a repo</source>
        <translation>模型 {name!r} 指明了仓库却没有提交，或有提交却没有仓库</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/lockfile.py" line="125"/>
        <source>the magnet of {name!r} is not a magnet link with an info-hash</source>
        <translation>{name!r} 的磁力链接不是带有 info-hash 的磁力链接</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/lockfile.py" line="138"/>
        <source>also must be a list of hub repos at a commit (ms://owner/name@COMMIT)</source>
        <translation>also 必须是固定到某个提交的 Hub 仓库列表（ms://owner/name@COMMIT）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/lockfile.py" line="150"/>
        <source>it is not TOML ({exc})</source>
        <translation>它不是 TOML（{exc}）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/lockfile.py" line="152"/>
        <source>it nests too deeply to be a lock</source>
        <translation>它的嵌套层级太深，不可能是锁文件</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/lockfile.py" line="155"/>
        <source>{what} has lock version {version}; this ModelDesk reads version {LOCK_VERSION}. Update ModelDesk, or write the lock again with `modeldesk lock`.</source>
        <translation>{what} 的锁文件版本为 {version}；此版本的 ModelDesk 读取版本 {LOCK_VERSION}。请更新 ModelDesk，或用 `modeldesk lock` 重新生成锁文件。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/lockfile.py" line="160"/>
        <source>model must be an array of tables</source>
        <translation>model 必须是表的数组</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/lockfile.py" line="164"/>
        <source>two models place a file at the same path</source>
        <translation>两个模型在同一路径放置了文件</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/lockfile.py" line="174"/>
        <source>{shown} does not exist; write it with `modeldesk lock` in the project.</source>
        <translation>{shown} 不存在；请在项目中用 `modeldesk lock` 生成它。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/lockfile.py" line="177"/>
        <location filename="../../modeldesk/core/torrent/sources.py" line="258"/>
        <source>{shown} cannot be read: {strerror}.</source>
        <translation>无法读取 {shown}：{strerror}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/lockfile.py" line="181"/>
        <source>it is not UTF-8 text</source>
        <translation>它不是 UTF-8 文本</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/library/writer.py" line="46"/>
        <source>The library is closed: ModelDesk is shutting down.</source>
        <translation>库已关闭：ModelDesk 正在退出。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/runtime/torrent_jobs.py" line="60"/>
        <source>{name} is already being downloaded here, into {where}.</source>
        <translation>{name} 已在此处下载中，保存到 {where}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/runtime/torrent_jobs.py" line="101"/>
        <source>{name} could not be placed into {project}: {reason}.</source>
        <translation>无法将 {name} 放入 {project}：{reason}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/runtime/manager.py" line="181"/>
        <location filename="../../modeldesk/core/torrent/placement.py" line="20"/>
        <source>A speed limit cannot be negative.</source>
        <translation>速度限制不能为负数。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/sources/mirror_probe.py" line="33"/>
        <source>{repo_id} has no files to probe.</source>
        <translation>{repo_id} 没有可供测速的文件。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/pathsafety.py" line="53"/>
        <source>{what} has an empty file name; it cannot be saved safely.</source>
        <translation>{what} 含有空文件名，无法安全保存。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/pathsafety.py" line="57"/>
        <source>{what} contains the file name {shown!r}, which would be written outside the project folder. It was refused; ask the publisher for a fixed copy.</source>
        <translation>{what} 含有文件名 {shown!r}，它会被写到项目文件夹之外。已拒绝；请向发布者索取修正后的版本。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/pathsafety.py" line="63"/>
        <source>{what} contains the file {shown!r} inside a {reserved}/ folder. Such folders are never written from a download (a .git/ folder can run commands when git is used there). It was refused; ask the publisher for a fixed copy.</source>
        <translation>{what} 含有位于 {reserved}/ 文件夹中的文件 {shown!r}。下载永远不会写入这类文件夹（在那里使用 git 时，.git/ 文件夹可以执行命令）。已拒绝；请向发布者索取修正后的版本。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/pathsafety.py" line="73"/>
        <source>{what} contains the absolute file name {path!r}; it was refused so nothing is written outside the project folder.</source>
        <translation>{what} 含有绝对路径文件名 {path!r}；已拒绝，项目文件夹之外不会写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/pathsafety.py" line="92"/>
        <source>{target} cannot be checked ({exc}); nothing was written.</source>
        <translation>无法检查 {target}（{exc}）；没有写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/pathsafety.py" line="96"/>
        <source> through the link {link} -&gt; {target}</source>
        <translation>（经由链接 {link} -&gt; {target}）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/pathsafety.py" line="99"/>
        <source>{target} would be written outside the project folder {root}{via}. Nothing was written there; remove the link or pick another folder.</source>
        <translation>{target} 会被写到项目文件夹 {root} 之外{via}。那里没有写入任何内容；请删除该链接或选择另一个文件夹。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/pathsafety.py" line="136"/>
        <source>{what} contains the file name {part!r}, longer than the {NAME_MAX} bytes a file system allows. It cannot be saved; ask the publisher to shorten it.</source>
        <translation>{what} 含有文件名 {part!r}，超过文件系统允许的 {NAME_MAX} 字节。无法保存；请让发布者缩短它。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/pathsafety.py" line="145"/>
        <source>{what} lists {folder!r} both as a file and as the folder of {path!r}; it cannot be saved. Ask the publisher for a fixed copy.</source>
        <translation>{what} 把 {folder!r} 同时列为文件和 {path!r} 所在的文件夹，无法保存。请向发布者索取修正后的版本。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/placement/placing.py" line="43"/>
        <source>{text!r} is not a link mode; use one of: {modes}.</source>
        <translation>{text!r} 不是链接方式；请使用以下之一：{modes}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/placement/placing.py" line="88"/>
        <source>{dest} cannot be placed as a {mode} of {src}: {strerror}. Use --link-mode auto or copy.</source>
        <translation>无法以 {mode} 方式从 {src} 放置 {dest}：{strerror}。请使用 --link-mode auto 或 copy。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/placement/placing.py" line="91"/>
        <source>{dest} cannot be placed from {src}: {strerror}.</source>
        <translation>无法从 {src} 放置 {dest}：{strerror}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/placement/placing.py" line="95"/>
        <source>{dest} cannot be placed from {src}: {reason}.</source>
        <translation>无法从 {src} 放置 {dest}：{reason}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/placement/placing.py" line="96"/>
        <source>no way of placing worked</source>
        <translation>所有放置方式均未成功</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/project_config.py" line="37"/>
        <source>{path} cannot be read ({exc}); fix or remove it.</source>
        <translation>无法读取 {path}（{exc}）；请修复或删除它。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/project_config.py" line="39"/>
        <source>{path} nests too deeply to be read; fix or remove it.</source>
        <translation>{path} 嵌套层级太深，无法读取；请修正或删除它。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/project_config.py" line="42"/>
        <source>{path}: [hub] mirrors must be a list of http(s) addresses.</source>
        <translation>{path}：[hub] mirrors 必须是 http(s) 地址的列表。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/project_config.py" line="44"/>
        <source>{path}: [hub.also] must map a repo (&quot;org/name&quot;) to a list of the same model on other hubs (&quot;ms://owner/name&quot;).</source>
        <translation>{path}：[hub.also] 必须把一个仓库（&quot;org/name&quot;）映射到其他 Hub 上同一模型的列表（&quot;ms://owner/name&quot;）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/project_config.py" line="77"/>
        <source>A mirror is an http(s) address, e.g. https://hf-mirror.com.</source>
        <translation>镜像应为 http(s) 地址，例如 https://hf-mirror.com。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/project_lock.py" line="48"/>
        <source>{name} in {folder} has no manifest ({manifest}); run the same get again to rewrite it, then lock.</source>
        <translation>{folder} 中的 {name} 没有清单（{manifest}）；请再运行一次同样的 get 以重写它，然后再 lock。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/project_lock.py" line="55"/>
        <source>{entry} of {name} is missing in {folder}; repair it with `modeldesk verify {folder}` and get, then lock.</source>
        <translation>{folder} 中缺少 {name} 的 {entry}；请用 `modeldesk verify {folder}` 和 get 修复，然后再 lock。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/project_lock.py" line="76"/>
        <source>{path} of {name} is missing in {folder}; repair it, then lock.</source>
        <translation>{folder} 中缺少 {name} 的 {path}；请修复后再 lock。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/project_lock.py" line="90"/>
        <source>{name} is missing in {folder}; get it again, then lock.</source>
        <translation>{folder} 中缺少 {name}；请重新 get，然后再 lock。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/project_lock.py" line="124"/>
        <source>The library has no complete model in {project}; get one with `modeldesk get SOURCE --to DIR` inside the project first.</source>
        <translation>库中在 {project} 里没有完整的模型；请先在项目内用 `modeldesk get SOURCE --to DIR` 获取一个。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/project_lock.py" line="165"/>
        <source>{rel} cannot be checked: {strerror}.</source>
        <translation>无法检查 {rel}：{strerror}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/project_sync.py" line="62"/>
        <source>{lock} places a file at {rel}, the project&apos;s own file; it was refused and nothing was changed. Fix the lock.</source>
        <translation>{lock} 要在 {rel} 放置文件，而那是项目自己的文件；已拒绝，没有做任何改动。请修正锁文件。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/project_sync.py" line="82"/>
        <source>{shown} in {project} differ from {lock} and are not a version ModelDesk put there: they look like your edits, so sync changed nothing. Run `modeldesk sync --force` to move them to {edited_dir}/ and put the locked files in their place.</source>
        <translation>{project} 中的 {shown} 与 {lock} 不一致，且不是 ModelDesk 放置的版本：它们看起来是你的修改，因此 sync 没有做任何改动。运行 `modeldesk sync --force` 可把它们移到 {edited_dir}/，并放入锁定的文件。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/project_sync.py" line="138"/>
        <source>{rel} could not be kept aside before it is replaced ({reason}); nothing of it was lost. Fix the folder, then sync again.</source>
        <translation>{rel} 在被替换前无法另行保存（{reason}）；它没有丢失任何内容。请修复该文件夹后再次 sync。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/project_sync.py" line="172"/>
        <source>{rel} in {project} is not a file; move it away, then sync.</source>
        <translation>{project} 中的 {rel} 不是文件；请把它移走，然后再 sync。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/projects.py" line="25"/>
        <source>An empty path was given; name a folder.</source>
        <translation>给出的路径为空；请指定一个文件夹。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/projects.py" line="27"/>
        <source>{text!r} is not a valid path (it contains a NUL character).</source>
        <translation>{text!r} 不是有效路径（含有 NUL 字符）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/projects.py" line="31"/>
        <source>{text!r} is not valid UTF-8 text (shown with ? for the bytes that are not); ModelDesk takes UTF-8 file names. Rename it, or pick another folder.</source>
        <translation>{text!r} 不是有效的 UTF-8 文本（无效字节显示为 ?）；ModelDesk 只接受 UTF-8 文件名。请重命名，或选择另一个文件夹。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/projects.py" line="37"/>
        <source>{text!r} starts with ~{user}, but this machine has no user {user!r}; write the folder out in full.</source>
        <translation>{text!r} 以 ~{user} 开头，但本机没有用户 {user!r}；请写出完整的文件夹路径。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/projects.py" line="41"/>
        <source>{text!r} is longer than a file system allows ({name_max} bytes a name, {path_max} in all); pick a shorter path.</source>
        <translation>{text!r} 超出文件系统允许的长度（每个名称 {name_max} 字节，总共 {path_max} 字节）；请选择更短的路径。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/projects.py" line="52"/>
        <source>{shown} is a file, not a folder. Pick a folder for the model.</source>
        <translation>{shown} 是文件，不是文件夹。请为模型选择一个文件夹。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/projects.py" line="55"/>
        <source>{path} cannot be created: part of that path is a file.</source>
        <translation>无法创建 {path}：该路径的一部分是文件。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/projects.py" line="57"/>
        <source>{shown} cannot be created: {strerror}. Pick another folder.</source>
        <translation>无法创建 {shown}：{strerror}。请选择另一个文件夹。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/projects.py" line="60"/>
        <source>{path} is not writable. Pick a folder you can write to.</source>
        <translation>{path} 不可写。请选择一个你有写权限的文件夹。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/config/proxy.py" line="48"/>
        <source> Every connection goes through the {proxy}: check that it runs and that its user name and password (Settings → Connection) are right.</source>
        <translation>所有连接都经过{proxy}：请确认它在运行，且用户名和密码（设置 → 连接）正确。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publish_flow.py" line="72"/>
        <source>Several library jobs are named {text!r}; publish one by its folder or job id.</source>
        <translation>库中有多个名为 {text!r} 的任务；请用文件夹或任务 ID 指定要发布的那个。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publish_flow.py" line="80"/>
        <source>{name} already is a torrent; share it with: {link}</source>
        <translation>{name} 已经是种子；可用以下链接分享：{link}</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publish_flow.py" line="82"/>
        <source>{name} is not complete yet ({percent:.0f}%); publish it once it is.</source>
        <translation>{name} 尚未完成（{percent:.0f}%）；完成后再发布。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publish_flow.py" line="94"/>
        <source>{source} is neither a folder nor a job of the library (see `modeldesk list`).</source>
        <translation>{source} 既不是文件夹，也不是库中的任务（见 `modeldesk list`）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publish_flow.py" line="116"/>
        <source>{rel} in {folder} is no longer the file of {repo}@{commit} (its sha256 differs: it was changed since it was downloaded). Nothing was published; run `modeldesk verify {folder}` and fetch it again, or publish a copy of the folder without its .modeldesk/ as a model of your own.</source>
        <translation>{folder} 中的 {rel} 已不再是 {repo}@{commit} 的文件（sha256 不同：下载后被修改过）。未发布任何内容；请运行 `modeldesk verify {folder}` 并重新获取，或把去掉 .modeldesk/ 的文件夹副本作为你自己的模型发布。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publish_flow.py" line="122"/>
        <source>{folder} cannot be read to check it: {reason}.</source>
        <translation>无法读取 {folder} 以进行检查：{reason}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publish_flow.py" line="139"/>
        <source>{out} already exists and holds another torrent; choose another file for this one (--out FILE).</source>
        <translation>{out} 已存在且是另一个种子；请为这个种子另选文件（--out FILE）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publish_flow.py" line="141"/>
        <source>{out} already exists (and is not a .torrent); it was left as it is. Choose another file for the torrent (--out FILE).</source>
        <translation>{out} 已存在（且不是 .torrent 文件）；已保持原样。请为种子选择另一个文件（--out FILE）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publish_flow.py" line="146"/>
        <source>{out} cannot be written: {strerror}.</source>
        <translation>无法写入 {out}：{strerror}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publishing.py" line="80"/>
        <source>{folder} holds no model of {repo!r}.</source>
        <translation>{folder} 中没有 {repo!r} 的模型。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publishing.py" line="85"/>
        <source>{folder} holds several models ({names}); say which one with --repo ORG/NAME.</source>
        <translation>{folder} 中有多个模型（{names}）；请用 --repo ORG/NAME 指定。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publishing.py" line="90"/>
        <source>{manifest} names no repo and commit; it was not used.</source>
        <translation>{manifest} 没有记录仓库和提交，未被使用。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publishing.py" line="97"/>
        <source>{base!r} is not an http(s) address; a web seed must be one.</source>
        <translation>{base!r} 不是 http(s) 地址；Web 种子必须是。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publishing.py" line="111"/>
        <source>{shown} is not a folder; publish takes a model folder.</source>
        <translation>{shown} 不是文件夹；publish 需要一个模型文件夹。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publishing.py" line="126"/>
        <source>{shown} holds only empty files; a torrent needs at least one byte of data.</source>
        <translation>{shown} 中只有空文件；种子至少需要一个字节的数据。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publishing.py" line="147"/>
        <source>{path} of {repo} is missing or incomplete in {shown}; run `modeldesk verify {shown}` and fetch it again before publishing.</source>
        <translation>{shown} 中 {repo} 的 {path} 缺失或不完整；发布前请运行 `modeldesk verify {shown}` 并重新获取。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publishing.py" line="124"/>
        <source>{shown} holds no file to publish.</source>
        <translation>{shown} 中没有可发布的文件。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/placement/relocate.py" line="49"/>
        <source>{clash} already exists; move or rename it first. Nothing was moved.</source>
        <translation>{clash} 已存在；请先移动或重命名它。没有移动任何文件。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/placement/relocate.py" line="61"/>
        <source>Moving to {new_root} failed: {reason}. The files stay in {old_root}.</source>
        <translation>移动到 {new_root} 失败：{reason}。文件仍在 {old_root}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/config/secrets.py" line="41"/>
        <source>The keyring library is missing ({exc}).</source>
        <translation>缺少 keyring 库（{exc}）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/config/secrets.py" line="48"/>
        <source>No OS keyring is available to keep the token (Secret Service such as GNOME Keyring or KWallet, macOS Keychain, Windows Credential Locker). Install or unlock one; ModelDesk never writes tokens to a plain file. Without one, set {ENV_HF_TOKEN} for huggingface.co, or {ENV_TOKENS}=host=token (or {ENV_TOKEN_FILE}, a file of such lines that you keep) for a mirror.</source>
        <translation>没有可保存令牌的系统密钥环（Secret Service，如 GNOME Keyring 或 KWallet、macOS 钥匙串、Windows 凭据保险箱）。请安装或解锁一个；ModelDesk 从不把令牌写入明文文件。没有密钥环时，huggingface.co 可设置 {ENV_HF_TOKEN}，镜像可设置 {ENV_TOKENS}=host=token（或 {ENV_TOKEN_FILE}，指向你自己保管的、由这样的行组成的文件）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/config/secrets.py" line="61"/>
        <source>Give a host and a non-empty token.</source>
        <translation>请提供主机和非空的令牌。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/config/secrets.py" line="72"/>
        <source>The keyring refused to store {what}: {kind}. Unlock your keyring and try again.</source>
        <translation>密钥环拒绝保存 {what}：{kind}。请解锁密钥环后重试。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/config/secrets.py" line="108"/>
        <source>Give the proxy user name before its password.</source>
        <translation>请先填写代理用户名，再填写密码。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/config/secrets.py" line="140"/>
        <source>{what}: write host=token (one entry is not of that form).</source>
        <translation>{what}：请写成 host=token（有一个条目不是这种格式）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/config/secrets.py" line="153"/>
        <source>{ENV_TOKEN_FILE} names a file that cannot be read ({strerror}).</source>
        <translation>{ENV_TOKEN_FILE} 指向的文件无法读取（{strerror}）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/runtime/stored_jobs.py" line="38"/>
        <source>No job {job_id} in the library.</source>
        <translation>库中没有任务 {job_id}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/runtime/stored_jobs.py" line="79"/>
        <source>Resume the job first; its files can be picked while it runs.</source>
        <translation>请先继续该任务；任务运行时才能选择文件。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/runtime/stored_jobs.py" line="82"/>
        <source>Resume the job first: a running job checks its files against their hashes.</source>
        <translation>请先继续该任务：运行中的任务会按哈希检查其文件。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/engine.py" line="257"/>
        <source>ModelDesk quit before the move finished; the files may be in either folder.</source>
        <translation>ModelDesk 在移动完成前退出了；文件可能在任一文件夹中。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/engine.py" line="280"/>
        <source>No torrent job {job_id}.</source>
        <translation>没有种子任务 {job_id}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/engine.py" line="293"/>
        <source>The torrent was added.</source>
        <translation>种子已添加。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/engine.py" line="308"/>
        <source>libtorrent refused {name}: {exc}</source>
        <translation>libtorrent 拒绝了 {name}：{exc}</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/finishing.py" line="75"/>
        <source>A finished file could not get its final name: {message}</source>
        <translation>已完成的文件无法改为最终名称：{message}</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/finishing.py" line="207"/>
        <source>Writing {filename} failed: {reason}. Free some space or fix the folder, then try again; verified pieces are kept.</source>
        <translation>写入 {filename} 失败：{reason}。请释放空间或修复该文件夹后重试；已校验的分块会保留。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/finishing.py" line="216"/>
        <source>{name}: {message}</source>
        <translation>{name}：{message}</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/job.py" line="126"/>
        <source>Your --include/--exclude patterns match no file in this torrent; nothing to download.</source>
        <translation>你的 --include/--exclude 规则没有匹配此种子中的任何文件；没有可下载的内容。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/job.py" line="164"/>
        <source>Not enough free space in {save}: this model needs {need} more, only {free} is free. Free some space or pick another folder.</source>
        <translation>{save} 空间不足：此模型还需要 {need}，只剩 {free}。请释放空间或选择另一个文件夹。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/job.py" line="265"/>
        <source>seeding is off for this job</source>
        <translation>此任务已关闭做种</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/job.py" line="267"/>
        <source>ratio {ratio:.2f} reached the limit {limit:g}</source>
        <translation>分享率 {ratio:.2f} 已达到上限 {limit:g}</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/job.py" line="269"/>
        <source>seeded for {minutes} minutes</source>
        <translation>已做种 {minutes} 分钟</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/placement.py" line="62"/>
        <source>a file of the same name is already there; move or rename it first</source>
        <translation>那里已有同名文件；请先移动或重命名它</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/placement.py" line="63"/>
        <source>{name} could not be moved{where}: {reason}. Its files stay where they were.</source>
        <translation>无法移动 {name}{where}：{reason}。其文件仍在原处。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/previews.py" line="51"/>
        <source>Not a usable magnet link: {exc}</source>
        <translation>不是可用的磁力链接：{exc}</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/previews.py" line="57"/>
        <source>This torrent is already in the list.</source>
        <translation>此种子已在列表中。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/previews.py" line="89"/>
        <source>The file list was no longer wanted.</source>
        <translation>已不再需要文件列表。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/previews.py" line="94"/>
        <source>No peer sent the file list in time; add the magnet and choose files later.</source>
        <translation>没有节点及时发送文件列表；请先添加磁力链接，稍后再选择文件。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/previews.py" line="98"/>
        <source>ModelDesk is closing.</source>
        <translation>ModelDesk 正在关闭。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/publish.py" line="69"/>
        <source>Reading {folder} failed while hashing it: {exc}.</source>
        <translation>计算哈希时读取 {folder} 失败：{exc}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/rewant.py" line="24"/>
        <source>{name}: its file list has not arrived yet.</source>
        <translation>{name}：文件列表尚未收到。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/rewant.py" line="28"/>
        <source>No file {index} with priority {prio} in {name}.</source>
        <translation>{name} 中没有可设为优先级 {prio} 的文件 {index}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/rewant.py" line="32"/>
        <source>At least one file must stay selected; remove the job to drop them all.</source>
        <translation>至少要保留一个选中的文件；要全部放弃，请删除该任务。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/session_handlers.py" line="85"/>
        <source>{name} could not restart: {exc}</source>
        <translation>{name} 无法重新开始：{exc}</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/sources.py" line="79"/>
        <source>That magnet link has a tracker or web seed address that is not valid text. Copy the whole link again.</source>
        <translation>该磁力链接中的 Tracker 或 Web 种子地址不是有效文本。请重新复制完整链接。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/sources.py" line="88"/>
        <source>That magnet link is not valid ({exc}). Copy the whole link again.</source>
        <translation>该磁力链接无效（{exc}）。请重新复制完整链接。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/sources.py" line="91"/>
        <source>That magnet link has no info-hash (xt=urn:btih:…). Copy the whole link again.</source>
        <translation>该磁力链接没有 info-hash（xt=urn:btih:…）。请重新复制完整链接。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/sources.py" line="102"/>
        <source>{text!r} is not an info-hash (40 or 64 hex digits, or 32 base32 letters).</source>
        <translation>{text!r} 不是 info-hash（应为 40 或 64 位十六进制数字，或 32 位 base32 字母）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/sources.py" line="114"/>
        <location filename="../../modeldesk/core/torrent/sources.py" line="126"/>
        <source>{what} is not a valid .torrent file (its file list is malformed).</source>
        <translation>{what} 不是有效的 .torrent 文件（文件列表格式错误）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/sources.py" line="122"/>
        <source>{what} is not a valid .torrent file (it has no info dictionary).</source>
        <translation>{what} 不是有效的 .torrent 文件（没有 info 字典）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/sources.py" line="169"/>
        <source>{what} is too large to be a .torrent file ({size} bytes).</source>
        <translation>{what} 太大，不可能是 .torrent 文件（{size} 字节）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/sources.py" line="177"/>
        <source>{what} is not a valid .torrent file (it is truncated or not bencoded).</source>
        <translation>{what} 不是有效的 .torrent 文件（文件被截断或不是 bencode 编码）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/sources.py" line="182"/>
        <source>{what} is not a valid .torrent file ({exc}).</source>
        <translation>{what} 不是有效的 .torrent 文件（{exc}）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/sources.py" line="254"/>
        <source>{shown}: no such file.</source>
        <translation>{shown}：文件不存在。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/sources.py" line="256"/>
        <source>{shown} is a folder, not a .torrent file.</source>
        <translation>{shown} 是文件夹，不是 .torrent 文件。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/sources.py" line="260"/>
        <source>{shown!r} is not a file name (it contains a NUL character).</source>
        <translation>{shown!r} 不是文件名（含有 NUL 字符）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/sources.py" line="277"/>
        <source>{source!r} is no file here. For the hub repository, write hf://{repo}</source>
        <translation>这里没有文件 {source!r}。如果指的是 Hub 仓库，请写成 hf://{repo}</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/sources/adds.py" line="109"/>
        <location filename="../../modeldesk/core/torrent/sources.py" line="281"/>
        <source>{source!r} is not a magnet link, info-hash, URL or existing .torrent file.</source>
        <translation>{source!r} 不是磁力链接、info-hash、网址或已有的 .torrent 文件。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/verify.py" line="66"/>
        <source>Checking {name} failed: {message}.</source>
        <translation>检查 {name} 失败：{message}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/verify.py" line="68"/>
        <source>Checking {name} did not end within {timeout:g} s.</source>
        <translation>检查 {name} 未在 {timeout:g} 秒内完成。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/units.py" line="21"/>
        <source>Not a rate: {text!r}. Use e.g. 5M, 500K or 30%.</source>
        <translation>不是速率：{text!r}。请使用如 5M、500K 或 30% 的写法。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/units.py" line="23"/>
        <source>A percentage limit must be between 0 and 100, not {text!r}.</source>
        <translation>百分比限制必须在 0 到 100 之间，不能是 {text!r}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/units.py" line="26"/>
        <source>A percentage upload limit needs your uplink speed: set it with --uplink (e.g. --uplink 10Mbit).</source>
        <translation>按百分比限制上传需要知道你的上行带宽：请用 --uplink 设置（例如 --uplink 10Mbit）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/units.py" line="32"/>
        <source>Not a rate: {text!r}. Use e.g. 5M, 500K, 10Mbit or 30%.</source>
        <translation>不是速率：{text!r}。请使用如 5M、500K、10Mbit 或 30% 的写法。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/urls.py" line="19"/>
        <source>{text!r} is not a valid URL ({exc}). Copy the whole address again.</source>
        <translation>{text!r} 不是有效网址（{exc}）。请重新复制完整地址。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/verify.py" line="62"/>
        <source>{folder} is not a folder.</source>
        <translation>{folder} 不是文件夹。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/projects/verify.py" line="70"/>
        <source>{folder} holds no model ModelDesk knows: no manifest (.modeldesk/manifest-*.json) and no job of the library in this folder.</source>
        <translation>{folder} 中没有 ModelDesk 认得的模型：此文件夹里既没有清单（.modeldesk/manifest-*.json），也没有库中的任务。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/library/recorder.py" line="65"/>
        <source>The library in {where} cannot be written ({why}). Nothing was changed; free some space there (or fix the folder), then try again.</source>
        <translation>无法写入 {where} 中的库（{why}）。没有做任何改动；请在那里释放空间（或修复该文件夹）后重试。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/library/recorder.py" line="104"/>
        <source>its disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/library/hf_cache.py" line="49"/>
        <source>{project} holds no hub repo at a known commit; it cannot go into the hub cache.</source>
        <translation>{project} 中没有处于已知提交的 Hub 仓库，无法放入 Hub 缓存。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/loop_guard.py" line="27"/>
        <source>ModelDesk hit an internal error with this download ({error}) and paused it. Resume it to try again; the log has the details.</source>
        <translation>ModelDesk 处理此下载时遇到内部错误（{error}），已将其暂停。继续该任务即可重试；详细信息见日志。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/hub_check.py" line="39"/>
        <source>the repo has no such file</source>
        <translation>仓库中没有这个文件</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/hub_check.py" line="39"/>
        <location filename="../../modeldesk/core/torrent/hub_check.py" line="41"/>
        <source>its size differs</source>
        <translation>大小不同</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/hub_check.py" line="40"/>
        <source>its sha256 is not the repo&apos;s LFS sha256</source>
        <translation>其 sha256 与仓库的 LFS sha256 不符</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/hub_check.py" line="40"/>
        <source>its git blob id differs</source>
        <translation>其 git blob id 不同</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/hub_check.py" line="41"/>
        <source>the lock has no such file</source>
        <translation>锁文件中没有这个文件</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/hub_check.py" line="42"/>
        <source>its sha256 is not the locked sha256</source>
        <translation>它的 sha256 与锁定的 sha256 不符</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/hub_check.py" line="75"/>
        <source>{path} in this torrent is not the file at {repo}@{commit}: {how}. The torrent and the repo it names disagree; its pieces were verified, but its files keep their incomplete names and are not used.</source>
        <translation>此种子中的 {path} 不是 {repo}@{commit} 中的那个文件：{how}。种子与它所指明的仓库不一致；其分块已校验，但文件保留未完成的名称，不会被使用。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/hub_check.py" line="89"/>
        <source>{path} in this torrent is not the file the project&apos;s lock pins: {how}. Its pieces were verified, but the torrent holds other content; its files keep their incomplete names and are not used.</source>
        <translation>此种子中的 {path} 不是项目锁文件所锁定的文件：{how}。它的分块已校验，但种子包含的是其他内容；其文件保留未完成的名称，不会被使用。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/torrent/hub_check.py" line="100"/>
        <source>The finished files could not be read to check them against the hub: {reason}</source>
        <translation>无法读取已完成的文件以与 Hub 核对：{reason}</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/os_reasons.py" line="16"/>
        <source>no space is left on the disk</source>
        <translation>磁盘空间已满</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/os_reasons.py" line="17"/>
        <source>permission denied</source>
        <translation>权限不足</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/os_reasons.py" line="18"/>
        <source>the operation is not permitted</source>
        <translation>不允许此操作</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/os_reasons.py" line="19"/>
        <source>the file system is read-only</source>
        <translation>文件系统为只读</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/os_reasons.py" line="20"/>
        <source>no such file or folder</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/os_reasons.py" line="21"/>
        <source>a part of the path is a file, not a folder</source>
        <translation>路径中有一部分是文件而不是文件夹</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/os_reasons.py" line="22"/>
        <source>it is a folder</source>
        <translation>这是一个文件夹</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/os_reasons.py" line="23"/>
        <source>it already exists</source>
        <translation>它已存在</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/os_reasons.py" line="24"/>
        <source>the disk reported an input/output error</source>
        <translation>磁盘报告了输入/输出错误</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/os_reasons.py" line="25"/>
        <source>the name is too long for the file system</source>
        <translation>名称超出了文件系统允许的长度</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/os_reasons.py" line="26"/>
        <source>they are on different file systems</source>
        <translation>它们位于不同的文件系统上</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/os_reasons.py" line="27"/>
        <source>the file has too many links</source>
        <translation>该文件的链接数过多</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/os_reasons.py" line="28"/>
        <source>it is in use</source>
        <translation>它正在被使用</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/os_reasons.py" line="29"/>
        <source>the file is too large for the file system</source>
        <translation>文件超出了文件系统允许的大小</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/os_reasons.py" line="32"/>
        <source>the disk quota is used up</source>
        <translation>磁盘配额已用完</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/config/credentials.py" line="45"/>
        <source>{text!r} names no host a token can be scoped to; give a host such as huggingface.co, or an address such as http://mirror.lab:8080.</source>
        <translation>{text!r} 没有指明令牌可绑定的主机；请给出主机名（如 huggingface.co）或地址（如 http://mirror.lab:8080）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publish_scan.py" line="70"/>
        <source>it sits in {folder}/</source>
        <translation>它位于 {folder}/ 中</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publish_scan.py" line="73"/>
        <source>its name</source>
        <translation>它的文件名</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publish_scan.py" line="79"/>
        <source>it holds a private key</source>
        <translation>它包含私钥</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publish_scan.py" line="87"/>
        <source>{rel} in {shown} looks like a credential ({why}). Nothing was published: ModelDesk never shares keys, tokens or passwords. Move it out of the folder and publish again.</source>
        <translation>{shown} 中的 {rel} 看起来是凭据（{why}）。未发布任何内容：ModelDesk 从不分享密钥、令牌或密码。请把它移出该文件夹后再发布。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publish_scan.py" line="111"/>
        <source>{rel} in {shown} leads outside the folder (to {target}). Nothing was published: ModelDesk never shares a file from outside the folder you publish. Copy the file in, or remove the link.</source>
        <translation>{shown} 中的 {rel} 指向文件夹之外（{target}）。未发布任何内容：ModelDesk 从不分享所发布文件夹之外的文件。请把该文件复制进来，或删除这个链接。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publish_scan.py" line="131"/>
        <source>{sub} in {shown} cannot be read ({reason}); nothing was published. Fix its permissions, or move it out of the folder.</source>
        <translation>{shown} 中的 {sub} 无法读取（{reason}）；未发布任何内容。请修正其权限，或把它移出该文件夹。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publish_scan.py" line="139"/>
        <source>{rel} in {shown} has a name that is not valid UTF-8 (? marks the bytes); a torrent cannot carry it. Rename it, then publish again.</source>
        <translation>{shown} 中的 {rel} 的名称不是有效的 UTF-8（? 表示无效字节）；种子无法包含它。请重命名后再发布。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/publish/publish_scan.py" line="149"/>
        <source>{shown} holds more than {limit} files, more than a torrent can carry (BitTorrent clients refuse such a .torrent). Pack small files into archives, or publish subfolders one by one.</source>
        <translation>{shown} 中的文件超过 {limit} 个，超出一个种子能承载的数量（BitTorrent 客户端会拒绝这样的 .torrent）。请把小文件打包成归档，或逐个发布子文件夹。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/beneath.py" line="34"/>
        <source>{rel} leaves its folder; nothing was written.</source>
        <translation>{rel} 超出了它所在的文件夹；未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/beneath.py" line="39"/>
        <source>{path} is a link (or not a folder) where ModelDesk keeps its own files; nothing was written through it. Remove the link, then run this again.</source>
        <translation>{path} 是一个链接（或不是文件夹），而 ModelDesk 要在这里保存自己的文件；没有经由它写入任何内容。请删除该链接后重新运行。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/base/beneath.py" line="91"/>
        <source>{rel} names no file; nothing was written.</source>
        <translation>{rel} 没有指明文件；未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/library/store.py" line="41"/>
        <source>The library {path} cannot be opened: {reason}. Fix its folder, or set {ENV_HOME} to a folder you can write to.</source>
        <translation>无法打开库 {path}：{reason}。请修复其文件夹，或把 {ENV_HOME} 设为你可写入的文件夹。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/config/paths.py" line="60"/>
        <source>ModelDesk cannot keep its files in {folder}: {reason}. Fix it, or set {ENV_HOME} to a folder you can write to.</source>
        <translation>ModelDesk 无法在 {folder} 中保存文件：{reason}。请修复它，或把 {ENV_HOME} 设为你可写入的文件夹。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/placement/disk_space.py" line="29"/>
        <source>{name} stopped with {left} still to write and {free} free in {folder}. Free some space, then try again; what is done is kept.</source>
        <translation>{name} 已停止：还有 {left} 待写入，而 {folder} 只剩 {free} 可用。请释放空间后重试；已完成的部分会保留。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/ms_api.py" line="42"/>
        <source>{text!r} does not name a ModelScope repository (expected owner/name or datasets/owner/name).</source>
        <translation>{text!r} 不是 ModelScope 仓库名（应为 owner/name 或 datasets/owner/name）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/ms_api.py" line="59"/>
        <source>{text!r}: write ms://owner/name, ms://owner/name@revision or ms://datasets/owner/name.</source>
        <translation>{text!r}：请写成 ms://owner/name、ms://owner/name@revision 或 ms://datasets/owner/name。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/ms_api.py" line="75"/>
        <source>{text!r} is not a ModelScope repository URL (…/models/owner/name, …/file/view/REV/path, …/tree/REV/folder).</source>
        <translation>{text!r} 不是 ModelScope 仓库网址（应为 …/models/owner/name、…/file/view/REV/path 或 …/tree/REV/folder）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/ms_api.py" line="83"/>
        <source>{text!r} names no file (…/file/view/REVISION/path/to/file).</source>
        <translation>{text!r} 没有指明文件（应为 …/file/view/REVISION/path/to/file）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/ms_api.py" line="90"/>
        <source>{repo_id} on {endpoint} needs a ModelScope token ({message}): set one with `modeldesk token set --host {host}`, or MODELSCOPE_API_TOKEN.</source>
        <translation>{endpoint} 上的 {repo_id} 需要 ModelScope 令牌（{message}）：请用 `modeldesk token set --host {host}` 设置，或设置 MODELSCOPE_API_TOKEN。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/ms_api.py" line="114"/>
        <source>{repo_id} has no branch or tag {revision} on ModelScope.</source>
        <translation>{repo_id} 在 ModelScope 上没有名为 {revision} 的分支或标签。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/ms_api.py" line="216"/>
        <source>{endpoint} refused {repo_id}: {message}</source>
        <translation>{endpoint} 拒绝了 {repo_id}：{message}</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/hub_pairs.py" line="83"/>
        <source>{mirror} was not used as a mirror of {repo_id}: {error}</source>
        <translation>{mirror} 未被用作 {repo_id} 的镜像：{error}</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/hub_pairs.py" line="96"/>
        <source>All {total} files of {repo_id} come from {label} and from {names} at once.</source>
        <translation>{repo_id} 的全部 {total} 个文件同时从 {label} 和 {names} 下载。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/http/hub_pairs.py" line="98"/>
        <source>{shared_count} of {total} files of {repo_id} come from {label} and from {names} at once; {alone_count} come from {label} only (no sha256 both hubs agree on): {shown}</source>
        <translation>{repo_id} 的 {total} 个文件中有 {shared_count} 个同时从 {label} 和 {names} 下载；{alone_count} 个只从 {label} 下载（两边没有一致的 sha256）：{shown}</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/serve/control_api.py" line="121"/>
        <source>This server takes no downloads: start it with --project-root DIR.</source>
        <translation>此服务器不接受下载：请用 --project-root DIR 启动它。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/serve/control_api.py" line="126"/>
        <source>Send a JSON object with source (a link), project (a folder below a project root) and root (that root&apos;s number, from 0).</source>
        <translation>请发送一个 JSON 对象，包含 source（链接）、project（项目根目录下的文件夹）和 root（该根目录的编号，从 0 开始）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/serve/control_api.py" line="130"/>
        <source>A path on the server&apos;s disk is not a source: send a link (magnet, hf://, ms://, http(s)).</source>
        <translation>服务器磁盘上的路径不能作为来源：请发送链接（magnet、hf://、ms://、http(s)）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/serve/control_api.py" line="164"/>
        <source>The body is not a JSON object.</source>
        <translation>请求内容不是 JSON 对象。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/serve/tokens.py" line="83"/>
        <source>{name!r} is not a token name (letters, digits, . _ @ -, at most 64).</source>
        <translation>{name!r} 不是有效的令牌名称（字母、数字、. _ @ -，最多 64 个字符）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/serve/host.py" line="63"/>
        <source>The lab server cannot listen on {listen}: {reason}.</source>
        <translation>实验室服务器无法在 {listen} 上监听：{reason}。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/serve/remote.py" line="34"/>
        <source>No token for {origin}: set {env}, or keep one with `modeldesk token set --host {origin}` (in the app: Settings → Servers).</source>
        <translation>没有 {origin} 的令牌：请设置 {env}，或用 `modeldesk token set --host {origin}` 保存一个（应用中：设置 → 服务器）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/serve/remote.py" line="50"/>
        <source>{url} refused the token: {said}</source>
        <translation>{url} 拒绝了该令牌：{said}</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/serve/remote.py" line="52"/>
        <source>{url}: {said}</source>
        <translation>{url}：{said}</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/serve/remote.py" line="54"/>
        <source>{url} sent no JSON object.</source>
        <translation>{url} 没有返回 JSON 对象。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/core/serve/remote.py" line="118"/>
        <source>{url} sent an answer ModelDesk cannot read ({kind}).</source>
        <translation>{url} 返回了 ModelDesk 无法读取的应答（{kind}）。</translation>
    </message>
</context>
<context>
    <name>AddDialog</name>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="119"/>
        <source>Add a model</source>
        <translation>添加模型</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="177"/>
        <source>magnet:?…, a .torrent file or URL, hf://org/name@revision, or a URL</source>
        <translation>magnet:?… 磁力链接、.torrent 文件或网址、hf://组织/名称@版本，或文件网址</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="178"/>
        <source>Open .torrent…</source>
        <translation>打开 .torrent…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="185"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="191"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="208"/>
        <source>optional: other URLs of the same file, one per line</source>
        <translation>可选：同一文件的其他网址，每行一个</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="211"/>
        <source>optional: the file&apos;s published sha256 (64 hex digits), to check it</source>
        <translation>可选：该文件公布的 sha256（64 位十六进制），用于校验</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="191"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="200"/>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="202"/>
        <source>Lab server %1</source>
        <translation>实验室服务器 %1</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="135"/>
        <source>Keep seeding when done</source>
        <translation>下载完成后继续做种</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="267"/>
        <source>Also put it in the Hugging Face cache (transformers and huggingface_hub find it there)</source>
        <translation>同时放入 Hugging Face 缓存（transformers 和 huggingface_hub 会在那里找到它）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="270"/>
        <source>When the download is complete its files are placed into %1 as hard links: no second copy on the same disk.</source>
        <translation>下载完成后，文件以硬链接的形式放入 %1：同一磁盘上不会多占一份空间。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="140"/>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="141"/>
        <source>Download on:</source>
        <translation>下载到：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="143"/>
        <source>Project folder:</source>
        <translation>项目文件夹：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="145"/>
        <source>Mirror:</source>
        <translation>镜像：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="146"/>
        <source>Other URLs:</source>
        <translation>其他网址：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="147"/>
        <source>SHA-256:</source>
        <translation>SHA-256：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="150"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="221"/>
        <source>optional: e.g. https://hf-mirror.com, or ms://owner/name</source>
        <translation>可选：例如 https://hf-mirror.com，或 ms://owner/name</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="222"/>
        <source>A mirror for this download only (an HF- or ModelScope-compatible endpoint), or the same model on another hub (ms://owner/name, hf://org/name): files both hubs list with the same sha256 come from both at once.</source>
        <translation>仅用于本次下载的镜像（兼容 HF 或 ModelScope 的端点），或另一个 Hub 上的同一模型（ms://owner/name、hf://org/name）：两个 Hub 都列出且 sha256 相同的文件会同时从两边下载。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="237"/>
        <source>Reading the source…</source>
        <translation>正在读取来源…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="254"/>
        <source>%1: asking peers for the file list… You can download now and choose files later in the Files tab.</source>
        <translation>%1：正在向其他节点索取文件列表… 也可以现在就开始下载，稍后在“文件”标签页中选择文件。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="263"/>
        <source>Also put it in the ModelScope cache (modelscope&apos;s snapshot_download finds it there)</source>
        <translation>同时放入 ModelScope 缓存（modelscope 的 snapshot_download 能在那里找到它）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="283"/>
        <source>a folder below the server&apos;s project root, e.g. tts/models</source>
        <translation>服务器项目根目录下的文件夹，例如 tts/models</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="312"/>
        <source>%1: one file from this URL; its size is known once the download starts.</source>
        <translation>%1：来自此网址的单个文件；开始下载后即可得知其大小。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="319"/>
        <source>%1: %2 of %3 files selected, %4</source>
        <translation>%1：已选择 %2/%3 个文件，共 %4</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="345"/>
        <source>Free space: %1</source>
        <translation>可用空间：%1</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="348"/>
        <source>Project folder</source>
        <translation>项目文件夹</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="353"/>
        <source>Open a .torrent</source>
        <translation>打开 .torrent 文件</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/add_dialog.py" line="353"/>
        <source>Torrent files (*.torrent)</source>
        <translation>种子文件 (*.torrent)</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../modeldesk/app.py" line="118"/>
        <source>Some saved jobs could not be restarted:</source>
        <translation>部分已保存的任务无法重新开始：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/app.py" line="137"/>
        <source>Saving resume data…</source>
        <translation>正在保存续传数据…</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="90"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="91"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="92"/>
        <source>Peers</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="93"/>
        <source>Trackers</source>
        <translation>Tracker</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="94"/>
        <source>Mirrors</source>
        <translation>镜像</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="95"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="42"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="44"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="46"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="47"/>
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
        <location filename="../../modeldesk/bridge.py" line="45"/>
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
        <location filename="../../modeldesk/ui/details.py" line="26"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="26"/>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="26"/>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="27"/>
        <source>Project folder:</source>
        <translation>项目文件夹：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="27"/>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="28"/>
        <source>Identity:</source>
        <translation>标识：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="29"/>
        <source>Size:</source>
        <translation>大小：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="29"/>
        <source>Downloaded:</source>
        <translation>已下载：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="30"/>
        <source>Rates:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="30"/>
        <source>Time left:</source>
        <translation>剩余时间：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="31"/>
        <source>Peers / mirrors:</source>
        <translation>节点 / 镜像：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="31"/>
        <source>Uploaded (ratio):</source>
        <translation>已上传（分享率）：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="32"/>
        <source>Problem:</source>
        <translation>问题：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="68"/>
        <source>info-hash %1</source>
        <translation>info-hash %1</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/details.py" line="70"/>
        <source>commit %1</source>
        <translation>提交 %1</translation>
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
        <location filename="../../modeldesk/ui/job_actions.py" line="42"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="43"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="44"/>
        <source>Remove…</source>
        <translation>移除…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="45"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="46"/>
        <source>Copy source</source>
        <translation>复制来源</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="47"/>
        <source>Copy magnet link</source>
        <translation>复制磁力链接</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="48"/>
        <source>Recheck</source>
        <translation>重新校验</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="49"/>
        <source>Move to…</source>
        <translation>移动到…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="50"/>
        <source>Speed limits…</source>
        <translation>限速…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="62"/>
        <source>ModelDesk</source>
        <translation>ModelDesk</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="85"/>
        <location filename="../../modeldesk/ui/job_actions.py" line="149"/>
        <source>%1 jobs</source>
        <translation>%1 个任务</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="89"/>
        <location filename="../../modeldesk/ui/job_actions.py" line="102"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="90"/>
        <source>Remove %1 from ModelDesk?</source>
        <translation>要从 ModelDesk 中移除 %1 吗？</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="91"/>
        <source>Remove, keep files</source>
        <translation>移除，保留文件</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="92"/>
        <source>Remove and delete files</source>
        <translation>移除并删除文件</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="103"/>
        <source>Remove %1 from the lab server&apos;s list? The server keeps the files.</source>
        <translation>从实验室服务器的列表中移除 %1？服务器会保留文件。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="128"/>
        <source>The magnet link is not known yet; try again in a moment.</source>
        <translation>磁力链接尚未获取，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/job_actions.py" line="134"/>
        <source>Move to project folder</source>
        <translation>移动到项目文件夹</translation>
    </message>
</context>
<context>
    <name>Kind</name>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="26"/>
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
        <location filename="../../modeldesk/ui/main_window.py" line="73"/>
        <source>Filter by name</source>
        <translation>按名称筛选</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="134"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="138"/>
        <source>Add from clipboard</source>
        <translation>从剪贴板添加</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="140"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="142"/>
        <source>Close window</source>
        <translation>关闭窗口</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="143"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="144"/>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="136"/>
        <source>Publish…</source>
        <translation>发布…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="137"/>
        <source>Share a model folder, or the selected finished download, as a torrent</source>
        <translation>将模型文件夹或选中的已完成下载作为种子分享</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="258"/>
        <source>ModelDesk</source>
        <translation>ModelDesk</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="429"/>
        <source>ModelDesk keeps seeding</source>
        <translation>ModelDesk 仍在做种</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/main_window.py" line="430"/>
        <source>ModelDesk is still running in the tray and keeps sharing your models. Use Quit in the tray menu to stop it.</source>
        <translation>ModelDesk 仍在系统托盘中运行，并继续分享你的模型。要停止，请在托盘菜单中选择“退出”。</translation>
    </message>
</context>
<context>
    <name>MirrorTest</name>
    <message>
        <location filename="../../modeldesk/ui/mirror_test.py" line="35"/>
        <source>A repository (or file URL) every mirror should have; its biggest file is timed on each.</source>
        <translation>每个镜像都应有的仓库（或文件网址）；在每个镜像上对其中最大的文件计时。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/mirror_test.py" line="37"/>
        <source>Test mirrors</source>
        <translation>测试镜像</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/mirror_test.py" line="42"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/mirror_test.py" line="42"/>
        <source>Mirror</source>
        <translation>镜像</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/mirror_test.py" line="42"/>
        <source>First byte</source>
        <translation>首字节</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/mirror_test.py" line="43"/>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/mirror_test.py" line="43"/>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/mirror_test.py" line="73"/>
        <source>Timing each mirror on %1…</source>
        <translation>正在用 %1 为每个镜像计时…</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/mirror_test.py" line="84"/>
        <source>Timed on %1.</source>
        <translation>已用 %1 计时。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/mirror_test.py" line="88"/>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/mirror_test.py" line="89"/>
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
    <name>Notices</name>
    <message>
        <location filename="../../modeldesk/ui/notices.py" line="56"/>
        <source>Download complete</source>
        <translation>下载完成</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/notices.py" line="57"/>
        <source>%1 is complete and verified.</source>
        <translation>%1 已下载完成并通过校验。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/notices.py" line="62"/>
        <source>Download failed</source>
        <translation>下载失败</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/notices.py" line="67"/>
        <source>Download complete, with a problem</source>
        <translation>下载完成，但有一个问题</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/notices.py" line="70"/>
        <source>Seeding stopped</source>
        <translation>已停止做种</translation>
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
    <name>Plurals</name>
    <message numerus="yes">
        <location filename="../../modeldesk/ui/transfer_model.py" line="277"/>
        <source> + %n mirror(s)</source>
        <translation>
            <numerusform> + %n 个镜像</numerusform>
        </translation>
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
        <source>Include hidden files and folders (keys and passwords are never published)</source>
        <translation>包括隐藏的文件和文件夹（密钥和密码永远不会发布）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="104"/>
        <source>Seed it now</source>
        <translation>立即做种</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="109"/>
        <source>Beside the model folder</source>
        <translation>模型文件夹旁</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="110"/>
        <source>Save the .torrent to:</source>
        <translation>.torrent 保存到：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="114"/>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="121"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="123"/>
        <source>Magnet link:</source>
        <translation>磁力链接：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="126"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="128"/>
        <source>.torrent file:</source>
        <translation>.torrent 文件：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="132"/>
        <source>Model folder to publish</source>
        <translation>要发布的模型文件夹</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="144"/>
        <source>Choose the model folder to publish.</source>
        <translation>请选择要发布的模型文件夹。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="171"/>
        <source>%1: %2 files, %3.</source>
        <translation>%1：%2 个文件，%3。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="173"/>
        <source>It is being seeded.</source>
        <translation>正在做种。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="174"/>
        <source>Left out, hidden: %1</source>
        <translation>未包含的隐藏项：%1</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="181"/>
        <source>Publish again</source>
        <translation>再次发布</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/publish_dialog.py" line="189"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>ServerForm</name>
    <message>
        <location filename="../../modeldesk/ui/server_form.py" line="24"/>
        <source>Serve the library to my lab (Hugging Face endpoint, web seed, web page)</source>
        <translation>把模型库提供给实验室（Hugging Face 兼容端点、Web 种子、网页）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/server_form.py" line="27"/>
        <source>127.0.0.1:8690 serves this computer only; 0.0.0.0:8690 the whole LAN</source>
        <translation>127.0.0.1:8690 只服务本机；0.0.0.0:8690 服务整个局域网</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/server_form.py" line="30"/>
        <source>Names colleagues reach this computer by, besides its own and its addresses (others are refused, against DNS rebinding)</source>
        <translation>同事访问本机时使用的其他主机名（本机名称和地址之外的名称会被拒绝，以防 DNS 重绑定）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/server_form.py" line="33"/>
        <source>Folders remote downloads may go into; none: no remote downloads</source>
        <translation>远程下载可以写入的文件夹；留空则不接受远程下载</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/server_form.py" line="38"/>
        <source>Lend models to token holders only</source>
        <translation>只向持有令牌的人提供模型</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/server_form.py" line="40"/>
        <source>Serve the library only (fetch nothing for colleagues)</source>
        <translation>只提供库中已有的模型（不为同事下载）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/server_form.py" line="46"/>
        <source>Listen on:</source>
        <translation>监听地址：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/server_form.py" line="47"/>
        <source>Also answer to:</source>
        <translation>其他主机名：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/server_form.py" line="48"/>
        <source>Project folders for remote downloads:</source>
        <translation>远程下载的项目文件夹：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/server_form.py" line="49"/>
        <source>Mirrors to fetch missing models from:</source>
        <translation>获取缺失模型的镜像：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/server_form.py" line="52"/>
        <source>Now:</source>
        <translation>当前：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/server_form.py" line="53"/>
        <source>Tokens for the control API and the web page: modeldesk serve token add NAME --admin</source>
        <translation>控制 API 和网页的令牌：modeldesk serve token add NAME --admin</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/server_form.py" line="62"/>
        <source>Serving at %1 (colleagues: HF_ENDPOINT=%1)</source>
        <translation>正在 %1 提供服务（同事：HF_ENDPOINT=%1）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/server_form.py" line="64"/>
        <source>Not serving</source>
        <translation>未提供服务</translation>
    </message>
</context>
<context>
    <name>ServersTab</name>
    <message>
        <location filename="../../modeldesk/ui/servers_tab.py" line="53"/>
        <source>the token `modeldesk serve token add NAME` printed on the server</source>
        <translation>服务器上 `modeldesk serve token add NAME` 打印出的令牌</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/servers_tab.py" line="54"/>
        <source>Attach</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/servers_tab.py" line="56"/>
        <source>Detach selected</source>
        <translation>断开所选</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/servers_tab.py" line="57"/>
        <source>Stop showing its jobs and forget its token</source>
        <translation>不再显示它的任务，并删除它的令牌</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/servers_tab.py" line="61"/>
        <source>A lab server&apos;s jobs show in the table under its name in the side panel; the add dialog can send a download to it. Pausing, resuming and adding need an admin token. The token is kept in the system keyring and sent to that server only.</source>
        <translation>实验室服务器的任务显示在列表中，可在侧栏按服务器名筛选；添加对话框可以把下载交给它。暂停、继续和添加需要管理员令牌。令牌保存在系统密钥环中，只发送给该服务器。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/servers_tab.py" line="66"/>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/servers_tab.py" line="67"/>
        <source>Token:</source>
        <translation>令牌：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/servers_tab.py" line="85"/>
        <source>Write the server&apos;s address as http://host:port (what `modeldesk serve` prints).</source>
        <translation>请把服务器地址写成 http://主机:端口（即 `modeldesk serve` 打印的地址）。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/servers_tab.py" line="95"/>
        <source>%1 is attached once you press OK.</source>
        <translation>按“确定”后即连接 %1。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="60"/>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="212"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="62"/>
        <source>unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="88"/>
        <source>UPnP</source>
        <translation>UPnP</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="88"/>
        <source>NAT-PMP</source>
        <translation>NAT-PMP</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="89"/>
        <source>DHT (find peers without a tracker)</source>
        <translation>DHT（无需 Tracker 即可发现节点）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="90"/>
        <source>Local peer discovery (campus and LAN swarms)</source>
        <translation>本地节点发现（校园网和局域网）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="91"/>
        <source>Peer exchange</source>
        <translation>节点交换 (PEX)</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="96"/>
        <source>Prefer encryption</source>
        <translation>优先加密</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="96"/>
        <source>Require encryption</source>
        <translation>强制加密</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="97"/>
        <source>No encryption</source>
        <translation>不加密</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="100"/>
        <source>Listening port:</source>
        <translation>监听端口：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="103"/>
        <source>Encryption:</source>
        <translation>加密：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="64"/>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="115"/>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="121"/>
        <source>Cap upload at %1% of my uplink</source>
        <translation>将上传限制为上行带宽的 %1%</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="123"/>
        <source>Download limit:</source>
        <translation>下载限速：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="124"/>
        <source>Upload limit:</source>
        <translation>上传限速：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="125"/>
        <source>My uplink:</source>
        <translation>我的上行带宽：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="127"/>
        <source>Alternative download limit:</source>
        <translation>备用下载限速：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="128"/>
        <source>Alternative upload limit:</source>
        <translation>备用上传限速：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="65"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="141"/>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="143"/>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="143"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="145"/>
        <source>Stop seeding at ratio:</source>
        <translation>分享率达到后停止做种：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="146"/>
        <source>Stop seeding after:</source>
        <translation>做种时长达到后停止：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="66"/>
        <source>Seeding</source>
        <translation>做种</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="156"/>
        <source>Use the official Hugging Face hub</source>
        <translation>使用 Hugging Face 官方站点</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="172"/>
        <source>Test with:</source>
        <translation>测试用：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="67"/>
        <source>Mirrors</source>
        <translation>镜像</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="69"/>
        <source>Tokens</source>
        <translation>令牌</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="71"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="73"/>
        <source>Servers</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="129"/>
        <source>Apply the limits to peers on my local network too</source>
        <translation>限速同样适用于本地局域网中的节点</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="130"/>
        <source>Off: colleagues on the LAN get models at full speed and only internet peers count against the limits</source>
        <translation>关闭时：局域网内的同事全速获取模型，只有互联网上的节点受限速约束</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="154"/>
        <source>ModelDesk finds how many connections pay on each mirror while a file downloads, up to this many</source>
        <translation>下载时 ModelDesk 会为每个镜像找出真正有用的连接数，最多不超过此值</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="160"/>
        <source>Use the official ModelScope hub (modelscope.cn)</source>
        <translation>使用官方魔搭社区 (modelscope.cn)</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="164"/>
        <source>Endpoints that speak ModelScope&apos;s API, for ms:// repos and their URLs</source>
        <translation>支持 ModelScope API 的地址，用于 ms:// 仓库及其网址</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="166"/>
        <source>Connections per mirror, at most:</source>
        <translation>每个镜像的最大连接数：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="168"/>
        <source>Hugging Face mirrors, one per line:</source>
        <translation>Hugging Face 镜像，每行一个：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="170"/>
        <source>ModelScope mirrors, one per line:</source>
        <translation>ModelScope 镜像，每行一个：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="180"/>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="183"/>
        <source>Start minimised to the tray</source>
        <translation>启动时最小化到托盘</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="185"/>
        <source>Start ModelDesk when I log in, in the tray, to keep seeding</source>
        <translation>登录时启动 ModelDesk（在托盘中运行，继续做种）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="190"/>
        <source>Clone if the disk can, else hard link, else copy</source>
        <translation>磁盘支持时克隆，否则硬链接，再否则复制</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="191"/>
        <source>Clone (copy-on-write) only</source>
        <translation>仅克隆（写时复制）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="192"/>
        <source>Hard link, made read-only</source>
        <translation>硬链接（设为只读）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="193"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="196"/>
        <source>How a file the library already holds is put into another project folder instead of being downloaded again.</source>
        <translation>库中已有的文件如何放入另一个项目文件夹，而不是重新下载。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="198"/>
        <source>Default project folder:</source>
        <translation>默认项目文件夹：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="199"/>
        <source>Files the library already holds:</source>
        <translation>库中已有的文件：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="200"/>
        <source>Language (after a restart):</source>
        <translation>语言（重启后生效）：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="212"/>
        <source>The autostart entry could not be written: %1</source>
        <translation>无法写入开机自启动项：%1</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/settings_dialog.py" line="74"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
</context>
<context>
    <name>SideFilters</name>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="37"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="38"/>
        <source>Project folders</source>
        <translation>项目文件夹</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="39"/>
        <source>Lab servers</source>
        <translation>实验室服务器</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="67"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="67"/>
        <source>Downloading</source>
        <translation>下载中</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="68"/>
        <source>Seeding</source>
        <translation>做种中</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="68"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="69"/>
        <source>Errored</source>
        <translation>出错</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="82"/>
        <source>Every folder</source>
        <translation>所有文件夹</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="146"/>
        <source>%1 cannot be checked: %2</source>
        <translation>无法检查 %1：%2</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="149"/>
        <source>Matches %1 (%2 files)</source>
        <translation>与 %1 一致（%2 个文件）</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="153"/>
        <source>Does not match %1: %2 missing, %3 differ</source>
        <translation>与 %1 不一致：缺少 %2 个，%3 个不同</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/side_filters.py" line="155"/>
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
        <location filename="../../modeldesk/ui/labels.py" line="13"/>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="14"/>
        <source>Fetching metadata</source>
        <translation>获取元数据</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="15"/>
        <source>Checking</source>
        <translation>校验中</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="16"/>
        <source>Downloading</source>
        <translation>下载中</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="17"/>
        <source>Seeding</source>
        <translation>做种中</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="18"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="19"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/labels.py" line="20"/>
        <source>Error</source>
        <translation>出错</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../modeldesk/ui/status_bar.py" line="25"/>
        <source>Alternative speed limits</source>
        <translation>备用限速</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/status_bar.py" line="33"/>
        <location filename="../../modeldesk/ui/status_bar.py" line="58"/>
        <source>↓ %1   ↑ %2</source>
        <translation>↓ %1   ↑ %2</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/status_bar.py" line="36"/>
        <source>Port %1</source>
        <translation>端口 %1</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/status_bar.py" line="39"/>
        <source>DHT: %1 nodes</source>
        <translation>DHT：%1 个节点</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/status_bar.py" line="39"/>
        <source>DHT: off</source>
        <translation>DHT：已关闭</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/status_bar.py" line="42"/>
        <source>Free in %1: %2</source>
        <translation>%1 可用：%2</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/status_bar.py" line="46"/>
        <source>a copy-on-write clone</source>
        <translation>写时复制克隆</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/status_bar.py" line="46"/>
        <source>a read-only hard link</source>
        <translation>只读硬链接</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/status_bar.py" line="47"/>
        <source>a copy</source>
        <translation>副本</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/status_bar.py" line="48"/>
        <source>%1 was already in the library: placed as %2, not downloaded again.</source>
        <translation>%1 已在库中：以%2方式放置，未重新下载。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/status_bar.py" line="60"/>
        <source>Set the alternative limits in Settings first.</source>
        <translation>请先在设置中设定备用限速。</translation>
    </message>
</context>
<context>
    <name>ThanksBoard</name>
    <message>
        <location filename="../../modeldesk/ui/thanks_board.py" line="37"/>
        <source>Thanks board</source>
        <translation>感谢榜</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/thanks_board.py" line="40"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/thanks_board.py" line="40"/>
        <source>Uploaded</source>
        <translation>已上传</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/thanks_board.py" line="40"/>
        <source>Ratio</source>
        <translation>分享率</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/thanks_board.py" line="41"/>
        <source>LAN peers</source>
        <translation>局域网节点</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/thanks_board.py" line="41"/>
        <source>Internet peers</source>
        <translation>互联网节点</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/thanks_board.py" line="64"/>
        <source>Sent to peers on your network: %1</source>
        <translation>发送给局域网内节点：%1</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/thanks_board.py" line="65"/>
        <source>Sent to peers on the internet: %1</source>
        <translation>发送给互联网节点：%1</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/thanks_board.py" line="73"/>
        <source>Your models reached %1 peers: %2 on your network and %3 on the internet. Thank you for sharing.</source>
        <translation>你的模型已分享给 %1 个节点：局域网内 %2 个，互联网上 %3 个。感谢分享。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/thanks_board.py" line="76"/>
        <source>Nothing uploaded yet. Models you keep seeding will show up here.</source>
        <translation>还没有上传。你持续做种的模型会显示在这里。</translation>
    </message>
</context>
<context>
    <name>TokensTab</name>
    <message>
        <location filename="../../modeldesk/ui/tokens_tab.py" line="21"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/tokens_tab.py" line="21"/>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/tokens_tab.py" line="29"/>
        <source>Save token</source>
        <translation>保存令牌</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/tokens_tab.py" line="31"/>
        <source>Remove selected</source>
        <translation>移除所选</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/tokens_tab.py" line="33"/>
        <source>A token is sent only to its scheme, host and port (a host alone means https on its usual port), never to other mirrors or after a redirect. Write http://host:port to trust a plain-http mirror. Tokens are kept in the system keyring.</source>
        <translation>令牌只发送给它绑定的协议、主机和端口（只写主机名表示 https 及其默认端口），绝不会发给其他镜像，也不会随重定向发出。要信任纯 http 镜像，请写 http://主机:端口。令牌保存在系统密钥环中。</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/tokens_tab.py" line="39"/>
        <source>Host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/tokens_tab.py" line="40"/>
        <source>Token:</source>
        <translation>令牌：</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/tokens_tab.py" line="62"/>
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
        <location filename="../../modeldesk/ui/transfer_model.py" line="112"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="112"/>
        <source>Project folder</source>
        <translation>项目文件夹</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="112"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="113"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="113"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="113"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="114"/>
        <source>Down</source>
        <translation>下载速度</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="114"/>
        <source>Up</source>
        <translation>上传速度</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="114"/>
        <source>ETA</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="115"/>
        <source>Peers / mirrors</source>
        <translation>节点 / 镜像</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="115"/>
        <source>Ratio</source>
        <translation>分享率</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="115"/>
        <source>Uploaded</source>
        <translation>已上传</translation>
    </message>
    <message>
        <location filename="../../modeldesk/ui/transfer_model.py" line="134"/>
        <source>%1 on the lab server %2</source>
        <translation>实验室服务器 %2 上的 %1</translation>
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
        <location filename="../../modeldesk/ui/tray.py" line="73"/>
        <source>ModelDesk
↓ %1  ↑ %2
%3 downloading, %4 seeding</source>
        <translation>ModelDesk
↓ %1  ↑ %2
%3 个下载中，%4 个做种中</translation>
    </message>
</context>
</TS>
