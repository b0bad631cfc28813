# pargist_add_library(NAME alias_name SOURCES ... [DEPENDS ...])
# One library per layer: headers in <folder>/include/pargist/<folder>/,
# sources in <folder>/src/, exported as pargist::<alias_name>.
function(pargist_add_library target)
  cmake_parse_arguments(ARG "" "ALIAS" "SOURCES;PUBLIC_DEPENDS;PRIVATE_DEPENDS" ${ARGN})
  add_library(${target} ${ARG_SOURCES})
  add_library(pargist::${ARG_ALIAS} ALIAS ${target})
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${ARG_ALIAS} OUTPUT_NAME pargist_${ARG_ALIAS})
  target_compile_features(${target} PUBLIC cxx_std_17)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  target_include_directories(${target} PUBLIC
    $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_link_libraries(${target} PUBLIC ${ARG_PUBLIC_DEPENDS} PRIVATE ${ARG_PRIVATE_DEPENDS})
  if(PARGIST_INSTALL)
    install(TARGETS ${target} EXPORT pargist-targets
            ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
            LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
    install(DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  endif()
endfunction()
