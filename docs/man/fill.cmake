# Makes signpost.1.scd from the template: every "@HELP cmd@" line becomes the help text of cmd,
# as help_dump prints it, in a literal block. Run with cmake -P:
#   -DHELP_DUMP=<help_dump> -DIN=<signpost.1.scd.in> -DOUT=<signpost.1.scd>
file(READ "${IN}" page)
string(REGEX MATCHALL "@HELP [a-z]+@" markers "${page}")
foreach(marker IN LISTS markers)
  string(REGEX REPLACE "@HELP ([a-z]+)@" "\\1" cmd "${marker}")
  execute_process(COMMAND "${HELP_DUMP}" "${cmd}" OUTPUT_VARIABLE text RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "no help text for ${cmd}")
  endif()
  # A backslash escapes the next character in scdoc, even in literal blocks.
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "${marker}" "```\n${text}```" page "${page}")
endforeach()
file(WRITE "${OUT}" "${page}")
