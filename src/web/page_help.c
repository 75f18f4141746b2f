/*
** page_help.c: 帮助 (GET /help): how the work flows, what the lights mean and what each role may
** do, written from the same tables the program runs on (workflow.c's transition table; the
** vocabulary's states, lights, reasons, reporting cycles and roles with their help sentences,
** db/vocab.c), so the help cannot drift from the behaviour.
*/
#include "db/vocab.h"
#include "ledger/light.h"
#include "ledger/workflow.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/view.h"

void page_help(Request *r)
{
    Buf *h = &r->out;
    page_begin(r, "帮助", NAV_HELP);
    HTML(h, "<h1>帮助</h1><p>本平台用于巡视巡察、审计、督察反馈问题的整改工作：把反馈意见分解为"
            "整改措施，明确责任领导、牵头单位、责任单位和整改时限，跟踪整改进展和佐证材料，"
            "按规则亮灯预警，逐级审核后核查销号。</p>");
    HTML(h, "<h2>整改措施的办理流程</h2><table class=\"responsive\"><thead><tr><th>操作</th>"
            "<th>适用状态</th><th>办理人</th><th>办理后状态</th></tr></thead><tbody>");
    for (int a = 0; a < ACTION__COUNT; a++) {
        HTML(h, "<tr>");
        view_cell_text(h, "操作", workflow_action_label((Action)a));
        view_td(h, "适用状态");
        unsigned from = workflow_action_from((Action)a);
        bool first = true;
        for (int s = 0; s < STATE__COUNT; s++)
            if (from & (1u << s)) {
                if (!first)
                    HTML(h, "、");
                html_text(h, model_state_label((MeasureState)s));
                first = false;
            }
        HTML(h, "</td>");
        view_cell_text(h, "办理人", workflow_action_who_label((Action)a));
        MeasureState to = workflow_action_to((Action)a);
        view_cell_text(h, "办理后状态", (Action)a == ACTION_WAIVE_EVIDENCE ? "不变"
                                        : (Action)a == ACTION_VERIFY ? "已销号（长期坚持的措施为阶段性完成）"
                                                                    : model_state_label(to));
        HTML(h, "</tr>");
    }
    HTML(h, "</tbody></table><p class=\"hint\">申请销号须已报送整改进展并上传佐证材料（巡改办可说明理由后免交）；"
            "退回、认定反弹和免交佐证材料须填写理由。提交销号申请的人不能审核自己的申请，"
            "须由本单位其他人员（如单位负责人）审核；在前一环节审核过的人也不能办理下一环节（“四眼”原则）。"
            "每一步都记入措施的办理过程和审计日志。</p>");
    HTML(h, "<h2>措施的状态</h2><p>");
    for (int s = 0; s < vocab_count(VOCAB_MEASURE_STATE); s++) {
        if (s)
            HTML(h, "、");
        view_state(h, (MeasureState)s);
    }
    HTML(h, "。</p>");
    HTML(h, "<h2>亮灯规则</h2><ul class=\"help-lights\">");
    static const Light order[] = {LIGHT_RED, LIGHT_YELLOW, LIGHT_GREEN, LIGHT_CLOSED};
    for (size_t i = 0; i < ARRAY_SIZE(order); i++) {
        HTML(h, "<li>");
        view_light(h, order[i]);
        HTML_TEXT(h, "：", vocab_help(VOCAB_LIGHT, order[i]), "。</li>");
    }
    HTML(h, "</ul><h3>亮灯原因</h3><dl class=\"help-reasons\">");
    for (int w = 0; w < REASON__COUNT; w++) {
        view_fact(h, vocab_label(VOCAB_WHY, w));
        HTML_TEXT(h, "", vocab_help(VOCAB_WHY, w), "。</dd>");
    }
    HTML(h, "</dl><p class=\"hint\">报送周期：");
    for (int c = 0; c < CYCLE__COUNT; c++) {
        if (c)
            HTML(h, "；");
        html_text(h, vocab_label(VOCAB_REPORT_CYCLE, c));
        HTML_TEXT(h, "（", vocab_help(VOCAB_REPORT_CYCLE, c), "）");
    }
    HTML(h, "。亮灯按当天的日期实时计算，不会过期。</p>");
    static const char *const heads[] = {"角色", "可以做什么", NULL};
    HTML(h, "<h2>角色与权限</h2>");
    view_table_begin(h, "responsive", heads, 0);
    for (int i = 0; i < ROLE__COUNT; i++) {
        HTML(h, "<tr>");
        view_cell_text(h, "角色", model_role_label((Role)i));
        view_cell_text(h, "可以做什么", vocab_help(VOCAB_ROLE, i));
        HTML(h, "</tr>");
    }
    HTML(h, "</tbody></table><p class=\"hint\">系统管理员、安全管理员、审计管理员由三个不同账号担任"
            "（三员分立）。连续 5 次输错密码，账号锁定 15 分钟；30 分钟无操作或登录满 12 小时须重新登录。</p>");
    page_end(r);
}
