# Makes signpost.1.scd from the template: every "@HELP cmd@" line becomes the help text of cmd,
# as help_dump --scdoc writes it (paragraphs that man fills to its width, so that the page fits
# 80 columns). Run with cmake -P:
#   -DHELP_DUMP=<help_dump> -DIN=<signpost.1.scd.in> -DOUT=<signpost.1.scd>
file(READ "${IN}" page)
string(REGEX MATCHALL "@HELP [a-z]+@" markers "${page}")
foreach(marker IN LISTS markers)
  string(REGEX REPLACE "@HELP ([a-z]+)@" "\\1" cmd "${marker}")
  execute_process(COMMAND "${HELP_DUMP}" --scdoc "${cmd}" OUTPUT_VARIABLE text RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "no help text for ${cmd}")
  endif()
  string(REPLACE "${marker}" "${text}" page "${page}")
endforeach()
file(WRITE "${OUT}" "${page}")
