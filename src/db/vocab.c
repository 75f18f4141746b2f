/*
** vocab.c: the tables of the domain's words (vocab.h). One table per enumeration, one row per
** value in the enumeration's order: the stored name, then the Chinese label. A static
** assertion ties each table to its enumeration's __COUNT, and tests/unit/test_vocab.c checks
** every row (name round trip, labels present and unique).
*/
#include "vocab.h"

typedef struct Word {
    const char *name;  /* stored name: schema, API, CLI, audit log */
    const char *label; /* what a user reads */
} Word;

static const Word measure_state[] = {
    {"not_started", "未启动"},           {"in_progress", "整改中"},    {"submitted", "已申请销号"},
    {"lead_approved", "牵头单位已审核"}, {"signed_off", "领导已签批"}, {"closed", "已销号"},
    {"phase_complete", "阶段性完成"},    {"returned", "已退回"},       {"relapsed", "已反弹"},
};
static const Word measure_kind[] = {
    {"immediate", "立行立改"}, {"dated", "限期整改"}, {"long_term", "长期坚持"}};
static const Word finding_level[] = {
    {"aspect", "方面"}, {"item", "条目"}, {"problem", "问题"}, {"subproblem", "具体问题"}};
static const Word problem_status[] = {
    {"completed", "已完成"}, {"basically_completed", "基本完成"}, {"uncompleted", "未完成"}};
static const Word action[] = {
    {"report", "报送进展"},
    {"request_close", "申请销号"},
    {"lead_approve", "牵头单位审核通过"},
    {"sign_off", "领导签批"},
    {"verify", "核查销号"},
    {"return", "退回"},
    {"relapse", "认定反弹"},
    {"waive_evidence", "免交佐证材料"},
};
static const Word light[] = {
    {"green", "绿灯"},
    {"yellow", "黄灯"},
    {"red", "红灯"},
    {"closed", "已销号"},
};
static const Word why[] = {
    {"overdue", "已逾期"},
    {"returned_twice", "两次以上被退回"},
    {"relapsed", "整改反弹"},
    {"due_soon", "临近时限"},
    {"no_report", "未按期报送"},
    {"supervision_overdue", "督办逾期未反馈"},
};
static const Word event[] = {
    {"create", "创建措施"},
    {"import", "导入"},
    {"deadline_change", "调整整改时限"},
    {"owner_change", "调整责任主体"},
    {"supervise", "督办"},
    {"instruct", "领导批示"},
    {"revisit", "回头看"},
    {"withdraw", "撤销措施"},
};
static const Word owe[] = {
    {"report", "报送整改进展"}, {"completion", "逾期未完成"}, {"lead_review", "牵头单位审核"},
    {"signoff", "领导签批"},    {"verify", "巡改办核查"},     {"revisit", "回头看"},
};
static const Word report_cycle[] = {
    {"weekly", "每周"},
    {"semimonthly", "每半月"},
    {"monthly", "每月"},
};
static const Word inspection_kind[] = {{"xunshi", "巡视"},
                                       {"xuncha", "巡察"},
                                       {"audit", "审计"},
                                       {"duchai", "督察"},
                                       {"other", "检查"}};
static const Word inspection_state[] = {
    {"draft", "筹备中"}, {"active", "整改中"}, {"closed", "已结束"}};
static const Word plan_state[] = {{"draft", "草稿"}, {"issued", "已印发"}};
static const Word role[] = {
    {"sysadmin", "系统管理员"},
    {"secadmin", "安全管理员"},
    {"auditor", "审计管理员"},
    {"office", "巡改办"},
    {"leader", "领导"},
    {"unit", "单位"},
    {"discipline", "纪检"},
    {"observer", "观察"},
};
static const Word unit_kind[] = {
    {"party", "党委"}, {"government", "政府部门"}, {"street", "街道/乡镇"},
    {"soe", "国企"},   {"school", "学校"},         {"other", "其他"},
};
static const Word user_state[] = {{"active", "正常"}, {"locked", "已锁定"}, {"disabled", "已停用"}};
static const Word progress_state[] = {
    {"draft", "草稿"}, {"submitted", "已报送"}, {"accepted", "已采纳"}, {"returned", "已退回"}};
static const Word review_stage[] = {
    {"lead_review", "牵头单位审核"},
    {"office_verify", "巡改办核查"},
    {"leader_signoff", "领导签批"},
    {"onsite_check", "实地核查"},
};
static const Word review_decision[] = {{"approved", "通过"}, {"returned", "退回"}};
static const Word evidence_state[] = {{"attached", "已上传"}, {"withdrawn", "已撤回"}};
static const Word supervision_kind[] = {
    {"remind", "催办"},     {"written", "督办"},    {"talk", "约谈"},
    {"listed", "挂牌督办"}, {"onsite", "现场督导"},
};
static const Word supervision_state[] = {
    {"open", "待回复"}, {"responded", "已回复"}, {"overdue", "逾期未回复"}, {"lifted", "已解除"}};
static const Word instruction_state[] = {{"open", "待落实"}, {"acknowledged", "已签收"}};
static const Word revisit_result[] = {{"held", "巩固"}, {"relapsed", "反弹"}};
static const Word spot_check_result[] = {{"passed", "通过"}, {"failed", "未通过"}};
static const Word clue_kind[] = {{"clue", "问题线索"}, {"petition", "信访件"}};
static const Word clue_rank[] = {
    {"ministry", "厅局级"}, {"county", "县处级"}, {"township", "乡科级"}, {"other", "其他"}};
static const Word clue_disposal[] = {
    {"talk_inquiry", "谈话函询"},
    {"preliminary", "初步核实"},
    {"shelved", "暂存待查"},
    {"closed", "予以了结"},
};
static const Word clue_state[] = {{"open", "办理中"}, {"concluded", "已办结"}};
static const Word discipline_form[] = {
    {"first", "批评教育、谈话提醒"},
    {"second", "诫勉"},
    {"third", "组织处理"},
    {"fourth", "党纪政务处分"},
};
static const Word outcome_type[] = {
    {"case", "立案"},
    {"sanction", "党纪政务处分"},
    {"party_sanction", "党纪处分"},
    {"gov_sanction", "政务处分"},
    {"org_handling", "组织处理"},
    {"admonition", "诫勉"},
    {"talk_reminder", "谈话提醒"},
    {"criticism", "批评教育"},
    {"self_examination", "责令检查"},
    {"circulated", "通报批评"},
    {"judicial", "移送司法机关"},
    {"inquiry", "函询"},
    {"detention", "留置"},
    {"accountability", "问责"},
};
static const Word party_sanction[] = {
    {"warning", "警告"},       {"serious_warning", "严重警告"}, {"removal", "撤销党内职务"},
    {"probation", "留党察看"}, {"expulsion", "开除党籍"},
};
static const Word gov_sanction[] = {
    {"warning", "警告"},  {"demerit", "记过"},   {"major_demerit", "记大过"},
    {"demotion", "降级"}, {"dismissal", "撤职"}, {"expulsion", "开除"},
};
static const Word figure[] = {
    {"measures_planned", "整改措施"},
    {"problem_categories", "问题方面"},
    {"problems_total", "反馈问题"},
    {"problems_completed", "已完成整改的问题"},
    {"problems_basically_completed", "基本完成整改的问题"},
    {"problems_uncompleted", "未完成整改的问题"},
    {"mechanisms", "制度机制"},
    {"refunds_wan", "清退退缴（万元）"},
    {"losses_recovered_wan", "挽回损失（万元）"},
    {"party_discipline", "党纪处分"},
    {"gov_discipline", "政务处分"},
    {"org_handling", "组织处理"},
    {"admonition", "诫勉"},
    {"talk_reminder", "谈话提醒"},
    {"criticism_education", "批评教育"},
    {"case_filed", "立案"},
    {"party_discipline_warning", "党纪处分：警告"},
    {"party_discipline_serious_warning", "党纪处分：严重警告"},
    {"party_discipline_removal", "党纪处分：撤销党内职务"},
    {"party_discipline_probation", "党纪处分：留党察看"},
    {"party_discipline_expulsion", "党纪处分：开除党籍"},
    {"gov_discipline_warning", "政务处分：警告"},
    {"gov_discipline_demerit", "政务处分：记过"},
    {"gov_discipline_major_demerit", "政务处分：记大过"},
    {"gov_discipline_demotion", "政务处分：降级"},
    {"gov_discipline_dismissal", "政务处分：撤职"},
    {"gov_discipline_expulsion", "政务处分：开除"},
};
static const Word feedback_state[] = {{"pending", "待处理"},
                                      {"forwarded", "已转交"},
                                      {"answered", "已答复"},
                                      {"rejected", "不予受理"}};
static const Word meeting_kind[] = {
    {"standing", "常委会"},  {"leading_group", "领导小组会议"},
    {"special", "专题会议"}, {"democratic_life", "民主生活会"},
    {"dispatch", "调度会"},
};
static const Word recovery_kind[] = {{"refund", "退缴清退"}, {"loss_recovered", "挽回损失"}};
static const Word mechanism_kind[] = {{"new", "新建"}, {"revised", "修订完善"}};
static const Word plan_gap[] = {
    {"no_measure", "尚无整改措施"},
    {"no_lead_unit", "未明确牵头单位"},
    {"no_leader", "未明确责任领导"},
    {"no_deadline", "未明确整改时限（或长期坚持）"},
};
static const Word audit_action[] = {
    {"login", "登录"},
    {"login.failed", "登录失败"},
    {"login.refused", "拒绝登录"},
    {"login.lockout", "锁定账号（多次登录失败）"},
    {"logout", "退出登录"},
    {"password.change", "修改密码"},
    {"token.create", "创建接口令牌"},
    {"token.revoke", "撤销接口令牌"},
    {"user.create", "新建用户"},
    {"user.update", "修改用户信息"},
    {"user.roles", "修改用户角色"},
    {"user.lock", "锁定账号"},
    {"user.unlock", "解锁账号"},
    {"user.password_reset", "重置密码"},
    {"unit.create", "新建单位"},
    {"inspection.import", "导入反馈意见"},
    {"demo.generate", "生成演示数据"},
    {"report.generate", "生成报告"},
    {"report.text.set", "编辑报告文字"},
    {"report.publish", "发布报告"},
    {"export.ledger", "导出台账"},
    {"export.audit", "导出审计日志"},
    {"plan.issue", "印发整改方案"},
    {"measure.edit", "修改整改措施"},
    {"measure.report", "报送进展"},
    {"measure.request_close", "申请销号"},
    {"measure.lead_approve", "牵头单位审核通过"},
    {"measure.sign_off", "领导签批"},
    {"measure.verify", "核查销号"},
    {"measure.return", "退回"},
    {"measure.relapse", "认定反弹"},
    {"measure.waive_evidence", "免交佐证材料"},
    {"evidence.upload", "上传佐证材料"},
    {"evidence.download", "下载佐证材料"},
    {"evidence.withdraw", "撤回佐证材料"},
    {"supervision.issue", "发起督办"},
    {"supervision.respond", "回复督办"},
    {"supervision.lift", "解除督办"},
    {"instruction.give", "作出批示"},
    {"instruction.acknowledge", "签收批示"},
    {"revisit.record", "记录回头看"},
    {"spot_check.draw", "抽取抽查样本"},
    {"spot_check.record", "记录抽查结果"},
    {"supervision.talk", "记录约谈情况"},
    {"evidence.preview", "预览佐证材料"},
    {"progress.draft", "填写整改进展"},
    {"progress.submit", "报送整改进展"},
    {"progress.accept", "采纳整改进展"},
    {"progress.return", "退回整改进展"},
    {"clue.create", "登记问题线索"},
    {"clue.update", "修改问题线索"},
    {"clue.read", "查阅问题线索"},
    {"feedback.handle", "处理群众意见"},
    {"setting.change", "修改系统设置"},
    {"inspection.create", "新建整改事项"},
    {"inspection.update", "修改整改事项"},
    {"finding.create", "新增反馈问题"},
    {"finding.update", "修改反馈问题"},
    {"finding.move", "调整反馈问题位置"},
    {"finding.delete", "删除反馈问题"},
    {"measure.create", "新增整改措施"},
    {"measure.move", "调整整改措施顺序"},
    {"measure.delete", "删除整改措施"},
    {"measure.withdraw", "撤销整改措施"},
    {"clue.outcome", "登记线索处理结果"},
    {"mechanism.create", "登记制度机制"},
    {"meeting.create", "登记会议"},
    {"recovery.create", "登记退缴和挽回损失"},
    {"feedback.submit", "收到群众意见"},
    {"feedback.forward", "群众意见转为线索"},
    {"refused.role", "拒绝访问（无权限）"},
    {"refused.csrf", "拒绝操作（令牌无效）"},
    {"refused.origin", "拒绝操作（跨站请求）"},
    {"read", "查阅"},
    {"refused.unseen", "拒绝访问（对象不存在或不可见）"},
};

/*
** The help page's sentences (vocab_help), one per value in enumeration order, for the
** vocabularies the help page explains; the static assertions below tie them to their tables.
*/
static const char *const role_help[] = {
    "建立账号、维护单位；不接触业务内容。",
    "授予角色、锁定与解锁账号、重置密码。",
    "查看和导出审计日志，此外不能做其他操作。",
    "管理本组织整改台账的全部内容：核查销号、退回、认定反弹、免交佐证材料；督办、回头看、抽查。",
    "查看整改任务全貌，对自己负责的措施签批、作出批示。",
    ("查看本单位牵头或参与的措施，报送进展和佐证材料，反馈督办事项；单位联络员报送和申请销号，"
     "单位负责人审核牵头措施的销号申请。"),
    "查看整改台账和问题线索。",
    "只读查看各整改台账和报告。",
};
static const char *const light_help[] = {
    "其他正在整改的措施",
    "未销号，且临近整改时限或本报送周期未按期报送进展",
    "未销号，且已逾期、两次以上被退回、整改反弹或督办逾期未反馈",
    "已销号或阶段性完成的措施不再亮灯",
};
static const char *const why_help[] = {
    "已超过整改时限仍未销号",
    "销号申请被退回两次及以上",
    "回头看或抽查认定问题反弹",
    "距整改时限不足预警天数（默认 7 天）",
    "本报送周期的报送日已过而未报送整改进展",
    "督办的反馈时限已过而责任单位未反馈",
};
static const char *const report_cycle_help[] = {
    "每周五报送",
    "每月 10 日、25 日报送",
    "每月 25 日报送",
};

typedef struct Help {
    const char *const *rows; /* one sentence per value, or NULL: no help for this vocabulary */
    int n;                   /* rows */
} Help;

static const Help helps[VOCAB__COUNT] = {
    [VOCAB_ROLE] = {role_help, ARRAY_SIZE(role_help)},
    [VOCAB_LIGHT] = {light_help, ARRAY_SIZE(light_help)},
    [VOCAB_WHY] = {why_help, ARRAY_SIZE(why_help)},
    [VOCAB_REPORT_CYCLE] = {report_cycle_help, ARRAY_SIZE(report_cycle_help)},
};
_Static_assert(ARRAY_SIZE(role_help) == ARRAY_SIZE(role), "role help");
_Static_assert(ARRAY_SIZE(light_help) == ARRAY_SIZE(light), "light help");
_Static_assert(ARRAY_SIZE(why_help) == ARRAY_SIZE(why), "why help");
_Static_assert(ARRAY_SIZE(report_cycle_help) == ARRAY_SIZE(report_cycle), "report cycle help");

typedef struct Table {
    const char *title; /* the vocabulary's name */
    const Word *words; /* its rows, in enumeration order */
    int n;             /* rows */
} Table;

/* Each row is checked against its enumeration by the static assertions after the table. */
static const Table tables[VOCAB__COUNT] = {
    [VOCAB_MEASURE_STATE] = {"measure_state", measure_state, ARRAY_SIZE(measure_state)},
    [VOCAB_MEASURE_KIND] = {"measure_kind", measure_kind, ARRAY_SIZE(measure_kind)},
    [VOCAB_FINDING_LEVEL] = {"finding_level", finding_level, ARRAY_SIZE(finding_level)},
    [VOCAB_PROBLEM_STATUS] = {"problem_status", problem_status, ARRAY_SIZE(problem_status)},
    [VOCAB_ACTION] = {"action", action, ARRAY_SIZE(action)},
    [VOCAB_LIGHT] = {"light", light, ARRAY_SIZE(light)},
    [VOCAB_WHY] = {"why", why, ARRAY_SIZE(why)},
    [VOCAB_EVENT] = {"event", event, ARRAY_SIZE(event)},
    [VOCAB_OWE] = {"owe", owe, ARRAY_SIZE(owe)},
    [VOCAB_REPORT_CYCLE] = {"report_cycle", report_cycle, ARRAY_SIZE(report_cycle)},
    [VOCAB_INSPECTION_KIND] = {"inspection_kind", inspection_kind, ARRAY_SIZE(inspection_kind)},
    [VOCAB_INSPECTION_STATE] = {"inspection_state", inspection_state, ARRAY_SIZE(inspection_state)},
    [VOCAB_PLAN_STATE] = {"plan_state", plan_state, ARRAY_SIZE(plan_state)},
    [VOCAB_ROLE] = {"role", role, ARRAY_SIZE(role)},
    [VOCAB_UNIT_KIND] = {"unit_kind", unit_kind, ARRAY_SIZE(unit_kind)},
    [VOCAB_USER_STATE] = {"user_state", user_state, ARRAY_SIZE(user_state)},
    [VOCAB_PROGRESS_STATE] = {"progress_state", progress_state, ARRAY_SIZE(progress_state)},
    [VOCAB_REVIEW_STAGE] = {"review_stage", review_stage, ARRAY_SIZE(review_stage)},
    [VOCAB_REVIEW_DECISION] = {"review_decision", review_decision, ARRAY_SIZE(review_decision)},
    [VOCAB_EVIDENCE_STATE] = {"evidence_state", evidence_state, ARRAY_SIZE(evidence_state)},
    [VOCAB_SUPERVISION_KIND] = {"supervision_kind", supervision_kind, ARRAY_SIZE(supervision_kind)},
    [VOCAB_SUPERVISION_STATE] = {"supervision_state", supervision_state,
                                 ARRAY_SIZE(supervision_state)},
    [VOCAB_INSTRUCTION_STATE] = {"instruction_state", instruction_state,
                                 ARRAY_SIZE(instruction_state)},
    [VOCAB_REVISIT_RESULT] = {"revisit_result", revisit_result, ARRAY_SIZE(revisit_result)},
    [VOCAB_SPOT_CHECK_RESULT] = {"spot_check_result", spot_check_result,
                                 ARRAY_SIZE(spot_check_result)},
    [VOCAB_CLUE_KIND] = {"clue_kind", clue_kind, ARRAY_SIZE(clue_kind)},
    [VOCAB_CLUE_RANK] = {"clue_rank", clue_rank, ARRAY_SIZE(clue_rank)},
    [VOCAB_CLUE_DISPOSAL] = {"clue_disposal", clue_disposal, ARRAY_SIZE(clue_disposal)},
    [VOCAB_CLUE_STATE] = {"clue_state", clue_state, ARRAY_SIZE(clue_state)},
    [VOCAB_DISCIPLINE_FORM] = {"discipline_form", discipline_form, ARRAY_SIZE(discipline_form)},
    [VOCAB_OUTCOME_TYPE] = {"outcome_type", outcome_type, ARRAY_SIZE(outcome_type)},
    [VOCAB_PARTY_SANCTION] = {"party_sanction", party_sanction, ARRAY_SIZE(party_sanction)},
    [VOCAB_GOV_SANCTION] = {"gov_sanction", gov_sanction, ARRAY_SIZE(gov_sanction)},
    [VOCAB_FIGURE] = {"figure", figure, ARRAY_SIZE(figure)},
    [VOCAB_FEEDBACK_STATE] = {"feedback_state", feedback_state, ARRAY_SIZE(feedback_state)},
    [VOCAB_MEETING_KIND] = {"meeting_kind", meeting_kind, ARRAY_SIZE(meeting_kind)},
    [VOCAB_RECOVERY_KIND] = {"recovery_kind", recovery_kind, ARRAY_SIZE(recovery_kind)},
    [VOCAB_MECHANISM_KIND] = {"mechanism_kind", mechanism_kind, ARRAY_SIZE(mechanism_kind)},
    [VOCAB_AUDIT_ACTION] = {"audit_action", audit_action, ARRAY_SIZE(audit_action)},
    [VOCAB_PLAN_GAP] = {"plan_gap", plan_gap, ARRAY_SIZE(plan_gap)},
};

#define SAME(words, count) _Static_assert(ARRAY_SIZE(words) == (count), #words)
SAME(measure_state, STATE__COUNT);
SAME(measure_kind, KIND__COUNT);
SAME(finding_level, LEVEL__COUNT);
SAME(problem_status, STATUS__COUNT);
SAME(action, ACTION__COUNT);
SAME(light, LIGHT__COUNT);
SAME(why, REASON__COUNT);
SAME(event, EVENT__COUNT);
SAME(owe, OWE__COUNT);
SAME(report_cycle, CYCLE__COUNT);
SAME(inspection_kind, INSPECTION__COUNT);
SAME(inspection_state, INSPECTION_STATE__COUNT);
SAME(plan_state, PLAN__COUNT);
SAME(role, ROLE__COUNT);
SAME(unit_kind, UNIT__COUNT);
SAME(user_state, USER__COUNT);
SAME(progress_state, PROGRESS__COUNT);
SAME(review_stage, STAGE__COUNT);
SAME(review_decision, DECISION__COUNT);
SAME(evidence_state, EVIDENCE__COUNT);
SAME(supervision_kind, SUPERVISION__COUNT);
SAME(supervision_state, SUPERVISION_STATE__COUNT);
SAME(instruction_state, INSTRUCTION__COUNT);
SAME(revisit_result, REVISIT__COUNT);
SAME(spot_check_result, SPOT__COUNT);
SAME(clue_kind, CLUE_KIND__COUNT);
SAME(clue_rank, RANK__COUNT);
SAME(clue_disposal, DISPOSAL__COUNT);
SAME(clue_state, CLUE__COUNT);
SAME(discipline_form, FORM__COUNT);
SAME(outcome_type, OUTCOME__COUNT);
SAME(party_sanction, PARTY__COUNT);
SAME(gov_sanction, GOV__COUNT);
SAME(figure, FIGURE__COUNT);
SAME(feedback_state, FEEDBACK__COUNT);
SAME(meeting_kind, MEETING__COUNT);
SAME(recovery_kind, RECOVERY__COUNT);
SAME(mechanism_kind, MECHANISM__COUNT);
SAME(audit_action, AUDIT__COUNT);
SAME(plan_gap, GAP__COUNT);
_Static_assert(AUDIT_OF_ACTION(ACTION__COUNT) == AUDIT_EVIDENCE_UPLOAD, "measure.<action> rows");

static const Table *table_of(VocabId v)
{
    if ((unsigned)v >= VOCAB__COUNT || !tables[v].words)
        BUG("vocabulary %d has no table", (int)v);
    return &tables[v];
}

static const Word *word_of(VocabId v, int value)
{
    const Table *t = table_of(v);
    if (value < 0 || value >= t->n)
        BUG("value %d out of range in vocabulary %s", value, t->title);
    return &t->words[value];
}

int vocab_count(VocabId v)
{
    return table_of(v)->n;
}

const char *vocab_title(VocabId v)
{
    return table_of(v)->title;
}

const char *vocab_name(VocabId v, int value)
{
    return word_of(v, value)->name;
}

const char *vocab_label(VocabId v, int value)
{
    return word_of(v, value)->label;
}

const char *vocab_help(VocabId v, int value)
{
    (void)word_of(v, value); /* the range check */
    return helps[v].rows ? helps[v].rows[value] : "";
}

int vocab_parse(VocabId v, const char *name)
{
    const Table *t = table_of(v);
    for (int i = 0; name && i < t->n; i++)
        if (strcmp(t->words[i].name, name) == 0)
            return i;
    return -1;
}

int vocab_parse_or(VocabId v, const char *name, int fallback)
{
    int i = vocab_parse(v, name);
    return i < 0 ? fallback : i;
}

int vocab_parse_label(VocabId v, const char *label)
{
    const Table *t = table_of(v);
    for (int i = 0; label && i < t->n; i++)
        if (strcmp(t->words[i].label, label) == 0)
            return i;
    return -1;
}

const char *vocab_label_of(VocabId v, const char *name, const char *fallback)
{
    int i = vocab_parse(v, name);
    return i < 0 ? fallback : tables[v].words[i].label;
}
