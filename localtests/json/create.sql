-- json: in MariaDB an alias of longtext with a json_valid() check, so the
-- text is kept as written (spacing, key order, unicode escapes). Objects,
-- arrays, scalars, nested documents, and a large document; updated with
-- json_set/json_remove from the event.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  j json not null,
  jn json,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (j, jn) values
  ('{}', '[]'),
  ('{"a": [1, 2, {"b": "😀"}], "c": null, "d": true}', 'null'),
  ('"just a string with \\"escapes\\" and \\u00e9"', null),
  ('[1.5e300, -0, 18446744073709551615, -9223372036854775808]', '123'),
  ('{  "spaced" :   "out"  }', '{"nested": {"deep": {"deeper": [[[]]]}}}'),
  (concat('[', (select group_concat(concat('{"k":', seq, ',"v":"', repeat('x', 50), '"}')) from seq_1_to_1500), ']'), 'false');
insert into gh_ost_test (j, jn)
  select json_object('seq', seq, 'name', concat('n', seq), 'tags', json_array('a', seq % 7, null)),
         if(seq % 3 = 0, null, json_array(seq, concat('é', seq)))
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
  insert into gh_ost_test (j, jn) values
    (json_object('at', now(6), 'emoji', '🚀', 'quote', '"'), null),
    ('[]', '{}'),
    ('{"big": 12345678901234567890, "neg": -1.25e-10}', 'true');
  update gh_ost_test set j = json_set(j, '$.touched', true), jn = if(jn is null, '"back"', null) where id in (1, 2, 5);
  update gh_ost_test set j = json_remove(j, '$.tags') where id % 60 = second(now()) and json_type(j) = 'OBJECT';
  update gh_ost_test set jn = json_array(1, 'two', json_object('three', 3)) order by id desc limit 1;
  delete from gh_ost_test where id > 6 order by id limit 1;
  delete from gh_ost_test where id <= 2006 order by id desc limit 1;
end ;;
