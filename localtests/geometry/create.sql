-- Spatial types: geometry, point, linestring and polygon, with an SRID, a
-- geometry collection, and NULL.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  g geometry,
  p point not null,
  ls linestring,
  pg polygon,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (g, p, ls, pg) values
  (st_geomfromtext('POINT(1 2)'), st_geomfromtext('POINT(-180 -90)'), st_geomfromtext('LINESTRING(0 0, 1 1, 2 0)'),
   st_geomfromtext('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 3 2, 3 3, 2 2))')),
  (st_geomfromtext('GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 5 5))'), st_geomfromtext('POINT(180 90)', 4326), null, null),
  (null, st_geomfromtext('POINT(0 0)'), st_geomfromtext('LINESTRING(-1.5 2.25, 1e10 -1e-10)'), null),
  (st_geomfromtext('MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))'), st_geomfromtext('POINT(0.1 0.2)'), null,
   st_geomfromtext('POLYGON((0 0, 1 0, 0 1, 0 0))'));
insert into gh_ost_test (g, p, ls, pg)
  select if(seq % 4 = 0, null, st_geomfromtext(concat('POINT(', seq, ' ', -cast(seq as signed) / 3, ')'))),
         point(seq / 7, seq / 11),
         st_geomfromtext(concat('LINESTRING(0 0, ', seq, ' ', seq % 17, ', 1 1)')),
         st_geomfromtext(concat('POLYGON((0 0, ', seq, ' 0, ', seq, ' ', seq, ', 0 0))'))
  from seq_1_to_2000;

drop event if exists gh_ost_test;
delimiter ;;
create event gh_ost_test
  on schedule every 1 second
  starts current_timestamp
  ends current_timestamp + interval 60 second
  on completion not preserve
  enable
  do
begin
  insert into gh_ost_test (g, p, ls, pg) values
    (st_geomfromtext('LINESTRING(1 1, 2 2)'), point(rand(), -rand()), null, null),
    (null, st_geomfromtext('POINT(3 4)', 4326), st_geomfromtext('LINESTRING(0 0, 0 1)'),
     st_geomfromtext('POLYGON((0 0, 2 0, 2 2, 0 0))'));
  update gh_ost_test set p = point(st_y(p), st_x(p)), g = if(g is null, point(9, 9), null) where id in (1, 2, 3);
  update gh_ost_test set ls = st_geomfromtext('LINESTRING(9 9, 8 8, 7 7)') where id % 60 = second(now());
  update gh_ost_test set pg = st_geomfromtext('POLYGON((1 1, 3 1, 3 3, 1 1))') order by id desc limit 1;
  delete from gh_ost_test where id > 4 order by id limit 1;
  delete from gh_ost_test where id <= 2004 order by id desc limit 1;
end ;;
