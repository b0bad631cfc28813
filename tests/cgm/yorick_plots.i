/* Yorick writes one CGM page of each kind of plot pargist draws, for the
   pargist-view vs gist comparison (tests/cgm). Usage:
     yorick -batch yorick_plots.i OUT.cgm                                  */
out = get_argv()(0);
window, 0, display="", hcp=out, style="work.gs";
x = span(0, 2*pi, 200);
/* 1: lines of several types, colours and widths, and markers */
plg, sin(x), x, color="red", width=4;
plg, cos(x), x, color="blue", type=2;
plg, 0.5*sin(2*x), x, type=0, marker=4, color="magenta";
pltitle, "Lines and markers";
hcp; fma;
/* 2: a mesh, its filled version and contours */
xx = span(-1, 1, 21)(,-:1:21); yy = transpose(xx);
zz = exp(-2*(xx^2 + yy^2));
plf, zz(2:,2:), yy, xx;
plm, yy, xx, color="white";
plc, zz, yy, xx, levs=[0.2, 0.4, 0.6, 0.8];
hcp; fma;
/* 3: a cell array and text with Gist's escapes */
palette, "rainbow.gp";
pli, span(0, 1, 64)(,-:1:32) * span(0.2, 1, 32)(-:1:64,), 0, 0, 2, 1;
plt, "E = mc^2 !a_1 !p", 0.25, 0.72, height=24, color="red";
plt, "Rotated", 0.20, 0.55, orient=1, height=18;
hcp; fma;
/* 4: filled polygons and disjoint segments */
plfp, char([20, 120, 200]), [0,1,1, 1,2,2,1, 0,1,0.5], [0,0,1, 0,0,1,1, 1,1,2], [3,4,3];
pldj, [0,0.5], [0,0.5], [2,1.5], [2,0.2], color="green", width=3;
hcp;
hcp_finish;
quit;
