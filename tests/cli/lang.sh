# The interface language: Chinese where the environment asks for it, English for programs
# (--json, --csv) and where gettext would not translate (the C locale). Run by tests/lib.sh,
# which sets LC_ALL=C.UTF-8; these tests unset it to let LANG and LANGUAGE decide. They need
# the Chinese catalogue built from po/zh_CN.po.

TINY=$SP_SRC/tests/data/tiny/quiz.yaml
PLACEMENT=$SP_SRC/quizzes/placement.yaml

# zh CMD...: runs CMD with LANGUAGE=zh and a locale that is not installed (gettext still
# follows LANGUAGE, and signpost falls back to C.UTF-8 for the characters).
zh() { env -u LC_ALL -u LC_MESSAGES LANGUAGE=zh LANG=en_US.UTF-8 "$@"; }
# zh_locale CMD...: runs CMD under a Chinese locale (installed or not), without LANGUAGE.
zh_locale() { env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=zh_CN.UTF-8 "$@"; }

# An answer file for the tiny quiz with its first question left out.
tiny_answers_missing_one() {
    printf 't.like.users: 2\nt.scene.night: b\nt.know.allreduce: b\nt.know.rag: [a]\n' >miss.yaml
}

test_language_zh_gives_a_chinese_check_summary() {
    run zh "$SIGNPOST" check missing.yaml
    expect_status 3
    expect_contains "diagnostic" "$out" "missing.yaml: 错误："
    expect_contains "summary" "$out" "1 个错误，0 个警告"
    expect_not_contains "summary" "$out" "1 error"
}

test_a_chinese_locale_gives_a_chinese_check_summary() {
    printf 'signpost: bank/1\nid: x\nversion: 1.0\n' >b.yaml
    run zh_locale "$SIGNPOST" check b.yaml
    expect_status 1
    expect_contains "summary" "$out" "3 个错误，0 个警告"
}

test_check_json_stays_english_under_a_chinese_locale() {
    printf 'signpost: bank/1\nid: x\nversion: 1.0\n' >b.yaml
    run "$SIGNPOST" check --json b.yaml
    english=$out
    expect_contains "json" "$english" '"message": "the bank has no '"'"'title'"'"'; it is required"'
    run zh_locale "$SIGNPOST" check --json b.yaml
    expect_status 1
    expect_eq "json under a Chinese locale" "$out" "$english"
    expect_eq "summary on stderr" "$err" "3 errors, 0 warnings"
}

# gettext ignores LANGUAGE under the C locale, and so does signpost.
test_language_is_ignored_under_the_c_locale() {
    run env -u LC_ALL -u LC_MESSAGES LANG=C LANGUAGE=zh "$SIGNPOST" check missing.yaml
    expect_status 3
    expect_eq "output" "$out" "missing.yaml: error: cannot read the file: No such file or directory
1 error, 0 warnings"
}

test_usage_is_chinese_under_language_zh() {
    run zh "$SIGNPOST" --help
    expect_status 0
    expect_contains "usage" "$out" "用法：signpost [--no-cache] COMMAND [OPTIONS] [ARGS]"
    expect_contains "usage" "$out" "命令："
    expect_contains "command list" "$out" "  check     检查测评文件"
    expect_not_contains "usage" "$out" "Commands:"
    printf '%s\n' "$out" >usage.txt
    expect_80_columns usage.txt "signpost --help"
}

test_usage_errors_are_chinese_under_language_zh() {
    run zh "$SIGNPOST" check --frobnicate
    expect_status 2
    expect_eq "stderr" "$err" "signpost check: 未知选项“--frobnicate”
运行“signpost help check”了解更多信息。"
    run zh "$SIGNPOST" frobnicate
    expect_status 2
    expect_contains "stderr" "$err" "“frobnicate”不是命令"
}

test_take_batch_messages_follow_the_locale() {
    tiny_answers_missing_one
    run zh_locale "$SIGNPOST" take --quiz "$TINY" --answers miss.yaml --seed 1
    expect_status 1
    expect_contains "stderr" "$err" "miss.yaml: 错误："
}

test_take_lang_en_keeps_batch_messages_english() {
    tiny_answers_missing_one
    run zh_locale "$SIGNPOST" take --quiz "$TINY" --answers miss.yaml --seed 1 --lang en
    expect_status 1
    expect_contains "stderr" "$err" "miss.yaml: error: no answer for question 't.like.net' (item "
    expect_contains "stderr" "$err" "of the form); answer it, write skip, or use --missing=skip"
}

test_take_json_keeps_batch_messages_english() {
    tiny_answers_missing_one
    run zh_locale "$SIGNPOST" take --quiz "$TINY" --answers miss.yaml --seed 1 --lang zh --json
    expect_status 1
    expect_contains "stderr" "$err" "miss.yaml: error: no answer for question 't.like.net'"
}

test_show_text_is_chinese_and_show_json_english() {
    printf 't.like.net: 4\nt.like.users: 2\nt.scene.night: b\nt.know.allreduce: b\nt.know.rag: [a]\n' >a.yaml
    "$SIGNPOST" take --quiz "$TINY" --answers a.yaml --seed 5 --out r.signpost >/dev/null ||
        fail "take failed"
    run zh_locale "$SIGNPOST" show --quiz "$TINY" r.signpost
    expect_status 0
    expect_contains "heading" "$out" "测评 tiny 1.0.0，完成于 "
    run zh_locale "$SIGNPOST" show --quiz "$TINY" --json r.signpost
    expect_status 0
    expect_contains "json" "$out" '"message": "not signed — '
    printf '%s' "$out" | python3 -c '
import json, sys
t = sys.stdin.read()
json.loads(t)
sys.exit(any(0x4e00 <= ord(c) <= 0x9fff for c in t))
' || fail "show --json is not English JSON under a Chinese locale: $out"
}

# The Chinese terminal report of analyze names its parts in Chinese and fits 80 columns; its
# JSON and CSV stay English.
test_analyze_is_chinese_in_the_terminal_and_english_for_programs() {
    "$SIGNPOST" keygen -W -s inst.key -p inst.pub >/dev/null || fail "keygen"
    "$SP_BUILD/tests/cli/quiz_items" "$PLACEMENT" >items.tsv || fail "quiz_items"
    mkdir -p answers results
    python3 "$SP_SRC/tests/cli/make_cohort.py" items.tsv 30 5 answers || fail "make_cohort"
    for i in $(seq 0 29); do
        "$SP_BUILD/signpost" take --quiz "$PLACEMENT" --answers "answers/$i.yaml" \
            --seed $((5000 + i)) --key inst.key --out "results/r$i.signpost" >/dev/null ||
            fail "take $i"
    done
    "$SP_BUILD/signpost" take --quiz "$PLACEMENT" --answers answers/0.yaml --seed 1 \
        --out results/unsigned.signpost >/dev/null || fail "take unsigned"
    run zh "$SIGNPOST" analyze -p inst.pub --include-unverified results
    expect_status 0
    for part in "signpost analyze：读取 31 个文件，分析 31 份结果" "未经验证" \
        "== 测评 placement 1.2.0：31 份结果，其中 1 份未经验证 ==" "首选方向" "量表：" \
        "知识题：" "陈述题：" "情景题：" "标记（"; do
        expect_contains "report" "$out" "$part"
    done
    printf '%s\n' "$out" >report.txt
    expect_80_columns report.txt "analyze's Chinese report"
    for format in --json --csv; do
        run zh "$SIGNPOST" analyze -p inst.pub --include-unverified "$format" results
        expect_status 0
        printf '%s' "$out" | python3 -c '
import sys
sys.exit(any(0x4e00 <= ord(c) <= 0x9fff for c in sys.stdin.read()))
' || fail "analyze $format has Chinese in it under LANGUAGE=zh"
    done
}

# libyaml's own words are translated too, reordered the way Chinese puts the context first.
test_yaml_syntax_errors_are_chinese_from_libyaml_up() {
    run zh "$SIGNPOST" check "$SP_SRC/tests/data/bad/syntax-bad-indentation.yaml"
    expect_status 1
    expect_contains "diagnostic" "$out" "YAML 语法错误：解析块集合时（始于第 6 行）没有找到预期的“-”标记"
    expect_not_contains "diagnostic" "$out" "did not find"
}

# ---- show: one language per screen (issue 16, point 9) ------------------------------------------

# zh_result FILE: a result of the tiny quiz taken in Chinese.
zh_result() {
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >a.yaml
    "$SIGNPOST" take --quiz "$TINY" --answers a.yaml --seed 1 --lang zh --out "$1" >/dev/null ||
        fail "take failed"
}

# has_cjk TEXT: true when TEXT holds a Chinese character.
has_cjk() {
    python3 -c 'import sys; sys.exit(0 if any(0x4e00 <= ord(c) <= 0x9fff for c in sys.argv[1]) else 1)' "$1"
}

test_show_of_a_chinese_result_is_english_under_an_english_locale() {
    zh_result r.signpost
    run "$SIGNPOST" show --quiz "$TINY" r.signpost
    expect_status 0
    expect_contains "stdout" "$out" "Your best fit: Infrastructure"
    expect_contains "stdout" "$out" "Level: advanced"
    has_cjk "$out" && fail "Chinese text on an English screen: $out"
    # The heading still says which language the quiz was taken in.
    expect_contains "heading" "$out" "language zh"
}

test_show_lang_zh_shows_it_all_in_chinese() {
    zh_result r.signpost
    run "$SIGNPOST" show --quiz "$TINY" --lang zh r.signpost
    expect_status 0
    expect_contains "stdout" "$out" "最适合你的方向："
    expect_not_contains "stdout" "$out" "Level:"
    expect_not_contains "stdout" "$out" "Your best fit"
    # --json stays English and keeps the result's language.
    run "$SIGNPOST" show --quiz "$TINY" --lang zh --json r.signpost
    expect_status 0
    expect_contains "json" "$out" '"lang": "zh"'
    expect_contains "json" "$out" '"message": "not signed — '
}

test_show_lang_names_the_quiz_languages_when_it_has_not_that_one() {
    zh_result r.signpost
    run "$SIGNPOST" show --quiz "$TINY" --lang fr r.signpost
    expect_status 2
    expect_contains "stderr" "$err" "the quiz tiny has no language 'fr'; it has en, zh"
}

test_show_svg_follows_the_interface_language_or_lang() {
    zh_result r.signpost
    run "$SIGNPOST" show --quiz "$TINY" --svg r.signpost
    expect_status 0
    has_cjk "$out" && fail "Chinese text on an English card: $out"
    run "$SIGNPOST" show --quiz "$TINY" --svg --lang zh r.signpost
    expect_status 0
    has_cjk "$out" || fail "no Chinese on a card asked for in Chinese: $out"
}

test_show_of_a_quiz_without_the_interface_language_says_which_it_uses() {
    mkdir q
    cp -r "$SP_SRC/tests/data/tiny/." q/
    sed -i 's/^languages: .*/languages: [zh]/' q/quiz.yaml
    printf 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n' >a.yaml
    "$SIGNPOST" take --quiz q/quiz.yaml --answers a.yaml --seed 1 --out r.signpost >/dev/null ||
        fail "take failed"
    run "$SIGNPOST" show --quiz q/quiz.yaml r.signpost
    expect_status 0
    expect_contains "stderr" "$err" "the quiz tiny has no texts in en; it is shown in zh"
    expect_contains "stdout" "$out" "最适合你的方向："
    expect_not_contains "stdout" "$out" "Your best fit"
}

# Chinese sentences that take a name keep a space between Han characters and a name in Latin
# letters: "最接近的是 AI Infra。", not "最接近的是AI Infra。".
test_chinese_screens_space_latin_names_from_han() {
    cp -r "$SP_SRC/tests/data/tiny" q
    sed -i 's/zh: 基础设施/zh: AI Infra/; s/zh: 智能体/zh: Agent/' q/directions.yaml
    printf 't.like.net: 3\nt.like.users: 3\n' >a.yaml
    "$SIGNPOST" take --quiz q/quiz.yaml --answers a.yaml --missing=skip --seed 1 \
        --out r.signpost --lang zh >/dev/null || fail "take"
    run zh "$SIGNPOST" show --no-pager --quiz q/quiz.yaml --lang zh r.signpost
    expect_status 0
    expect_contains "closest" "$out" "最接近的是 AI Infra。"
    expect_contains "about" "$out" "关于 Agent"
    expect_not_contains "run together" "$out" "是AI"
    # The share card's near tie, too: Agents ties Infra when both statements get a 5.
    printf 't.like.net: 5\nt.like.users: 5\nt.scene.night: c\n' >a.yaml
    "$SIGNPOST" take --quiz q/quiz.yaml --answers a.yaml --missing=skip --seed 1 \
        --out tie.signpost --lang zh >/dev/null || fail "take the tie"
    run zh "$SIGNPOST" show --svg --quiz q/quiz.yaml --lang zh tie.signpost
    expect_status 0
    expect_contains "card" "$out" ">与 Agent"
}
